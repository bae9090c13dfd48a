import "server-only";
// Throttling of password guessing and of registration (rate-limiter-flexible). Counters live in
// Redis when REDIS_URL is set, so that every instance counts the same attempts, and in this
// process's memory otherwise; while Redis is unreachable each instance counts in its own memory
// instead of letting attempts through uncounted.
//
// Sign-in counts failures three ways: per account and address (someone guessing one account),
// per account from anywhere (guesses spread over many addresses stop too), and per address
// (one address guessing many accounts). Registration counts attempts per address, so that it
// cannot be used to find out at speed which emails have accounts.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { z } from "zod";
import { RateLimited } from "@/lib/core/errors";
import { processWide } from "@/lib/core/process-wide";

const count = z.coerce.number().int().min(1, "must be at least 1");

/** The limits, from the environment: how many in how long. */
const settingsSchema = z.object({
  SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS: count.default(5),
  SIGN_IN_FAILURES_PER_ACCOUNT: count.default(100),
  SIGN_IN_FAILURES_PER_ADDRESS: count.default(50),
  REGISTRATIONS_PER_ADDRESS: count.default(10),
  REDIS_URL: z.string().optional(),
});

const MINUTE = 60;
const windows = {
  accountAndAddress: 15 * MINUTE,
  account: 60 * MINUTE,
  address: 15 * MINUTE,
  registration: 60 * MINUTE,
};

/** The throttle's settings; start-up (lib/server/env.ts) calls this to refuse bad values early. */
export function throttleSettings(source: Record<string, string | undefined> = process.env) {
  return settingsSchema.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
}

export type ThrottleSettings = ReturnType<typeof throttleSettings>;
// The limiters only send commands: any connected node-redis client will do.
type RedisClient = { sendCommand: unknown };
type Limiters = Record<keyof typeof windows, RateLimiterAbstract>;

/**
 * Limiters with these settings, in Redis when given a client (with memory as their insurance
 * while Redis is unreachable), else in memory. `prefix` keeps the keys of one set apart.
 */
function createLimiters(settings: ThrottleSettings, redis: RedisClient | null, prefix: string): Limiters {
  const points = {
    accountAndAddress: settings.SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
    account: settings.SIGN_IN_FAILURES_PER_ACCOUNT,
    address: settings.SIGN_IN_FAILURES_PER_ADDRESS,
    registration: settings.REGISTRATIONS_PER_ADDRESS,
  };
  const make = (name: keyof typeof windows): RateLimiterAbstract => {
    const options = { points: points[name], duration: windows[name], keyPrefix: `${prefix}:${name}` };
    const memory = new RateLimiterMemory(options);
    if (!redis) return memory;
    return new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  };
  return { accountAndAddress: make("accountAndAddress"), account: make("account"), address: make("address"), registration: make("registration") };
}

/**
 * A connected Redis client for the limiters. The first request waits for the connection (up to
 * two seconds), so that it counts where the other instances do; after that, and while Redis is
 * unreachable, the client reconnects in the background.
 */
export async function throttleRedis(url: string): Promise<RedisClient> {
  // Without the offline queue a command during an outage fails at once, and the limiter counts
  // in memory meanwhile (its insurance), instead of waiting for Redis to come back.
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) } });
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    console.error(`Redis is unreachable for the sign-in throttle (${error.message}): counting in this instance's memory until it returns.`);
  });
  client.on("ready", () => (down = false));
  await Promise.race([client.connect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  return client;
}

const accountKey = (email: string) => email.trim().toLowerCase();

function refusal(message: string, msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new RateLimited(`${message} Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`, seconds);
}

/** The longest wait among limiters that refuse: a rejection from consume() is a RateLimiterRes. */
function longestWait(results: PromiseSettledResult<unknown>[]): number | null {
  let wait: number | null = null;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    wait = Math.max(wait ?? 0, result.reason.msBeforeNext);
  }
  return wait;
}

const signInMessage = "Too many failed attempts to sign in.";

export type Throttle = ReturnType<typeof createThrottle>;

/** The throttle with these settings (tests make their own; the app uses the process's one, below). */
export function createThrottle(settings: ThrottleSettings, redis: RedisClient | null = null, prefix = "concord:throttle") {
  const l = createLimiters(settings, redis, prefix);
  const pairKey = (email: string, address: string) => `${accountKey(email)} ${address}`;
  const signInKeys = (email: string, address: string): [RateLimiterAbstract, string][] => [
    [l.accountAndAddress, pairKey(email, address)],
    [l.account, accountKey(email)],
    [l.address, address],
  ];
  return {
    /**
     * Called before a password is checked. Refuses (a RateLimited error, returned, not thrown)
     * when this account from this address, this account, or this address has failed too often;
     * otherwise counts the attempt as a failure, which signInSucceeded takes back. Counting first
     * means that guesses sent all at once cannot all slip through before the first is counted.
     */
    async beginSignIn(email: string, address: string): Promise<RateLimited | null> {
      const keys = signInKeys(email, address);
      // An attempt that is refused is not counted: it checks no password.
      const states = await Promise.all(keys.map(([limiter, key]) => limiter.get(key)));
      const waits = states.map((state, i) => (state && state.consumedPoints >= keys[i]![0].points ? state.msBeforeNext : 0));
      if (Math.max(...waits) > 0) return refusal(signInMessage, Math.max(...waits));
      const wait = longestWait(await Promise.allSettled(keys.map(([limiter, key]) => limiter.consume(key))));
      return wait === null ? null : refusal(signInMessage, wait);
    },

    /** The password was right: the attempt was no failure, and this address's failures on this account are forgiven. */
    async signInSucceeded(email: string, address: string): Promise<void> {
      await Promise.all([l.accountAndAddress.delete(pairKey(email, address)), l.account.reward(accountKey(email)), l.address.reward(address)]);
    },

    /** Counts a registration attempt from this address; throws RateLimited when there were too many. */
    async limitRegistration(address: string): Promise<void> {
      const wait = longestWait(await Promise.allSettled([l.registration.consume(address)]));
      if (wait !== null) throw refusal("Too many attempts to create an account from this network.", wait);
    },
  };
}

// The process's throttle, from the environment. Process-wide: Next's route handlers may load
// this module more than once, and attempts must be counted in one place.
const throttle = () =>
  processWide("throttle", async () => {
    const settings = throttleSettings();
    return createThrottle(settings, settings.REDIS_URL ? await throttleRedis(settings.REDIS_URL) : null);
  });

export const beginSignIn: Throttle["beginSignIn"] = async (email, address) => (await throttle()).beginSignIn(email, address);
export const signInSucceeded: Throttle["signInSucceeded"] = async (email, address) => (await throttle()).signInSucceeded(email, address);
export const limitRegistration: Throttle["limitRegistration"] = async (address) => (await throttle()).limitRegistration(address);
