// The session cookie is the key to every page, route and socket: only a JWT that next-auth itself
// issued with this secret, unexpired, for an account that exists, opens the door.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCookieHeader, sessionCookieName, sessionUserId, userFromCookies } from "@/lib/auth/session";
import { openTestPglite, withDatabase } from "./support/databases";
import { newUser } from "./support/world";

const secret = "a-test-secret-of-sufficient-length-0123456789";
const previousSecret = process.env.NEXTAUTH_SECRET;

withDatabase(openTestPglite);
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = secret;
});
afterAll(() => {
  process.env.NEXTAUTH_SECRET = previousSecret;
});

const cookieFor = async (sub: string, options: { secret?: string; maxAge?: number } = {}) => ({
  [sessionCookieName()]: await encode({ token: { sub, name: "x" }, secret: options.secret ?? secret, maxAge: options.maxAge }),
});

describe("the session cookie", () => {
  it("identifies the user it was issued for", async () => {
    const user = await newUser("Cookie holder");
    expect(await userFromCookies(await cookieFor(user.id))).toMatchObject({ id: user.id, name: "Cookie holder" });
  });

  it("counts for nothing when missing, forged with another secret, tampered with or expired", async () => {
    const user = await newUser();
    expect(await userFromCookies({})).toBeNull();
    expect(await userFromCookies(await cookieFor(user.id, { secret: "another-secret-another-secret-0123456789" }))).toBeNull();
    const good = (await cookieFor(user.id))[sessionCookieName()]!;
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await userFromCookies({ [sessionCookieName()]: tampered })).toBeNull();
    expect(await userFromCookies(await cookieFor(user.id, { maxAge: -60 }))).toBeNull();
  });

  it("counts for nothing when its account does not exist", async () => {
    expect(await userFromCookies(await cookieFor(randomUUID()))).toBeNull();
  });

  it("stops counting when it expires, after it was read while valid", async () => {
    const user = await newUser();
    const cookie = await cookieFor(user.id, { maxAge: 60 });
    expect(await sessionUserId(cookie)).toBe(user.id);
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      expect(await sessionUserId(cookie)).toBeNull();
      expect(await userFromCookies(cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts for nothing once the secret has changed, though it was read under the old one", async () => {
    const user = await newUser();
    const cookie = await cookieFor(user.id);
    expect(await sessionUserId(cookie)).toBe(user.id);
    process.env.NEXTAUTH_SECRET = "a-new-secret-after-rotation-0123456789-abcdef";
    try {
      expect(await sessionUserId(cookie)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });

  it("is read from a raw Cookie header, ignoring malformed neighbours", () => {
    expect(parseCookieHeader("a=1; next-auth.session-token=abc%3D; bad=%E0%A4%A; flag")).toEqual({
      a: "1",
      "next-auth.session-token": "abc=",
    });
    expect(parseCookieHeader(undefined)).toEqual({});
  });
});
