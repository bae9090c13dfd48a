import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureAuthSecret } from "@/lib/server/auth-secret";
import { readEnv } from "@/lib/server/env";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "concord-test-"));

describe("configuration", () => {
  it("has defaults that run the embedded database with the demo", () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3000, SEED_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve("data"));
    expect(readEnv({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });

  it("refuses REDIS_URL without DATABASE_URL, saying why", () => {
    expect(() => readEnv({ REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/REDIS_URL is set but DATABASE_URL is not/);
    expect(readEnv({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://x@h/db" }).REDIS_URL).toBeDefined();
  });

  it("refuses a malformed port or database URL", () => {
    expect(() => readEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => readEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("refuses a throttle limit or TRUST_PROXY that means nothing, naming it", () => {
    expect(() => readEnv({ SIGN_IN_FAILURES_PER_ACCOUNT: "0" })).toThrow(/SIGN_IN_FAILURES_PER_ACCOUNT: must be at least 1/);
    expect(() => readEnv({ REGISTRATIONS_PER_ADDRESS: "lots" })).toThrow(/REGISTRATIONS_PER_ADDRESS/);
    expect(() => readEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: must be true, false or the number of proxies/);
    expect(() => readEnv({ TRUST_PROXY: "1", SIGN_IN_FAILURES_PER_ADDRESS: "200" })).not.toThrow();
  });
});

describe("the auth secret", () => {
  it("generates the auth secret once, readable by the owner only", () => {
    const dir = tmp();
    const secret = ensureAuthSecret(dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(ensureAuthSecret(dir)).toBe(secret);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});

describe("passwords", () => {
  it("verifies the password that was hashed and no other", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct hors", stored)).toBe(false);
    expect(await hashPassword("correct horse")).not.toBe(stored);
  });
});
