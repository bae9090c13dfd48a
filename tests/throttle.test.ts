// The sign-in and registration throttle (lib/auth/throttle.ts): in memory, and on a real Redis
// shared by two instances, with memory standing in while Redis is unreachable.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { RateLimited } from "@/lib/core/errors";
import { createThrottle, throttleSettings, type Throttle } from "@/lib/auth/throttle";

const defaults = throttleSettings({});
const email = () => `target.${randomUUID().slice(0, 8)}@example.org`;
const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;

/** `n` failed attempts: each one begun and never succeeded. */
async function fail(throttle: Throttle, n: number, account: string, from: string) {
  const outcomes: (RateLimited | null)[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await throttle.beginSignIn(account, from));
  return outcomes;
}

describe("the sign-in throttle (in memory)", () => {
  it("has the documented defaults", () => {
    expect(defaults).toMatchObject({
      SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS: 5,
      SIGN_IN_FAILURES_PER_ACCOUNT: 100,
      SIGN_IN_FAILURES_PER_ADDRESS: 50,
      REGISTRATIONS_PER_ADDRESS: 10,
    });
    expect(() => throttleSettings({ SIGN_IN_FAILURES_PER_ACCOUNT: "none" })).toThrow();
    expect(() => throttleSettings({ REGISTRATIONS_PER_ADDRESS: "0" })).toThrow(/at least 1/);
  });

  it("refuses the sixth failure on one account from one address, saying how long to wait; another address may still try", async () => {
    const throttle = createThrottle(defaults);
    const [account, from] = [email(), address()];
    expect(await fail(throttle, 5, account, from)).toEqual([null, null, null, null, null]);
    const refused = await throttle.beginSignIn(account, from);
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(refused!.message).toBe("Too many failed attempts to sign in. Try again in 15 minutes.");
    expect(await throttle.beginSignIn(account, address())).toBeNull();
  });

  it("forgives an address its failures on an account once the right password comes", async () => {
    const throttle = createThrottle(defaults);
    const [account, from] = [email(), address()];
    await fail(throttle, 4, account, from);
    expect(await throttle.beginSignIn(account, from)).toBeNull();
    await throttle.signInSucceeded(account, from);
    expect(await fail(throttle, 5, account, from)).toEqual([null, null, null, null, null]);
    expect(await throttle.beginSignIn(account, from)).toBeInstanceOf(RateLimited);
  });

  it("stops guesses at one account spread over many addresses at the per-account ceiling", async () => {
    const throttle = createThrottle({ ...defaults, SIGN_IN_FAILURES_PER_ACCOUNT: 12 });
    const account = email();
    for (let i = 0; i < 12; i++) expect(await throttle.beginSignIn(account, address())).toBeNull();
    const refused = await throttle.beginSignIn(account, address());
    expect(refused?.retryAfterSeconds).toBeGreaterThan(59 * 60);
    // The account's email is its key whatever its case.
    expect(await throttle.beginSignIn(account.toUpperCase(), address())).toBeInstanceOf(RateLimited);
    expect(await throttle.beginSignIn(email(), address())).toBeNull();
  });

  it("stops one address guessing at many accounts at the per-address ceiling", async () => {
    const throttle = createThrottle({ ...defaults, SIGN_IN_FAILURES_PER_ADDRESS: 8 });
    const from = address();
    for (let i = 0; i < 8; i++) expect(await throttle.beginSignIn(email(), from)).toBeNull();
    expect(await throttle.beginSignIn(email(), from)).toBeInstanceOf(RateLimited);
    expect(await throttle.beginSignIn(email(), address())).toBeNull();
  });

  it("does not count refused attempts: hammering while refused does not lock the account for others sooner", async () => {
    const throttle = createThrottle({ ...defaults, SIGN_IN_FAILURES_PER_ACCOUNT: 7 });
    const [account, attacker] = [email(), address()];
    await fail(throttle, 5, account, attacker);
    const refused = await fail(throttle, 20, account, attacker);
    expect(refused.every((r) => r instanceof RateLimited)).toBe(true);
    // 5 of the account's 7 are used: the owner, elsewhere, has 2 tries left, not 0.
    const owner = address();
    expect(await fail(throttle, 2, account, owner)).toEqual([null, null]);
    expect(await throttle.beginSignIn(account, owner)).toBeInstanceOf(RateLimited);
  });

  it("lets no more than the limit through when guesses arrive all at once", async () => {
    const throttle = createThrottle(defaults);
    const [account, from] = [email(), address()];
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => throttle.beginSignIn(account, from)));
    expect(outcomes.filter((o) => o === null)).toHaveLength(5);
  });

  it("refuses the eleventh registration attempt from one address within the hour, and no other address's", async () => {
    const throttle = createThrottle(defaults);
    const from = address();
    for (let i = 0; i < 10; i++) await throttle.limitRegistration(from);
    const refused = await throttle.limitRegistration(from).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(59 * 60);
    expect((refused as RateLimited).message).toBe("Too many attempts to create an account from this network. Try again in 60 minutes.");
    await expect(throttle.limitRegistration(address())).resolves.toBeUndefined();
  });
});

// Redis on 127.0.0.1:6379, the machine's; without it the suite is skipped with a line saying why,
// and in CI (CI=true), where it is part of the machine, that fails instead.
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: "127.0.0.1", port: 6379 });
  socket.setTimeout(1_000);
  socket.once("connect", () => (socket.destroy(), resolve(true)));
  socket.once("error", () => resolve(false));
  socket.once("timeout", () => (socket.destroy(), resolve(false)));
});

function describeRedis(name: string, body: () => void) {
  if (redisUp) return describe(name, body);
  if (process.env.CI) return describe(name, () => it("has its Redis", () => expect.fail(`${name} needs Redis on 127.0.0.1:6379 in CI.`)));
  console.log(`Skipping "${name}": Redis is not reachable on 127.0.0.1:6379.`);
  return describe.skip(name, body);
}

describeRedis("the sign-in throttle on Redis", () => {
  const prefix = `concord:test:${randomUUID()}`;
  const newClient = (url: string) => createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
  const clients: ReturnType<typeof newClient>[] = [];
  const connected = async (url = "redis://127.0.0.1:6379") => {
    const client = newClient(url);
    client.on("error", () => {});
    clients.push(client);
    await client.connect().catch(() => {});
    return client;
  };
  afterAll(async () => {
    const [first] = clients;
    if (first?.isReady) {
      const keys = await first.keys(`${prefix}:*`);
      if (keys.length > 0) await first.del(keys);
    }
    await Promise.all(clients.map((c) => (c.isOpen ? c.close() : undefined)));
  });

  it("counts the attempts of two instances together", async () => {
    const one = createThrottle(defaults, await connected(), prefix);
    const two = createThrottle(defaults, await connected(), prefix);
    const [account, from] = [email(), address()];
    expect(await fail(one, 3, account, from)).toEqual([null, null, null]);
    expect(await fail(two, 2, account, from)).toEqual([null, null]);
    expect(await one.beginSignIn(account, from)).toBeInstanceOf(RateLimited);
    expect(await two.beginSignIn(account, from)).toBeInstanceOf(RateLimited);
    // A right password on one instance forgives the address on both.
    await two.signInSucceeded(account, from);
    expect(await one.beginSignIn(account, from)).toBeNull();
  });

  it("shares the registration count between instances", async () => {
    const one = createThrottle(defaults, await connected(), prefix);
    const two = createThrottle(defaults, await connected(), prefix);
    const from = address();
    for (let i = 0; i < 5; i++) await one.limitRegistration(from);
    for (let i = 0; i < 5; i++) await two.limitRegistration(from);
    await expect(one.limitRegistration(from)).rejects.toBeInstanceOf(RateLimited);
  });

  it("keeps counting, in memory, while Redis is unreachable", async () => {
    // Nothing listens on port 1: the client never becomes ready.
    const throttle = createThrottle(defaults, await connected("redis://127.0.0.1:1"), prefix);
    const [account, from] = [email(), address()];
    expect(await fail(throttle, 5, account, from)).toEqual([null, null, null, null, null]);
    expect(await throttle.beginSignIn(account, from)).toBeInstanceOf(RateLimited);
  });
});
