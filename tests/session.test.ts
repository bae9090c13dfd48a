// The session cookie is the key to every page, route and socket: only a JWT that next-auth itself
// issued with this secret, unexpired, naming a session that has not ended, opens the door.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { parseCookieHeader, sessionCookieName, sessionFromCookies, sessionUserId, userFromCookies } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/sessions";
import { openTestPglite, withDatabase } from "./support/databases";
import { sessionCookie } from "./support/sessions";
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

const cookieFor = async (userId: string, options: { secret?: string; maxAge?: number } = {}) => ({
  [sessionCookieName()]: (await sessionCookie(userId, options)).value,
});

describe("the session cookie", () => {
  it("identifies the user and the session it was issued for", async () => {
    const user = await newUser("Cookie holder");
    const { sessionId, value } = await sessionCookie(user.id);
    expect(await sessionFromCookies({ [sessionCookieName()]: value })).toEqual({ user: expect.objectContaining({ id: user.id, name: "Cookie holder" }), sessionId });
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

  it("counts for nothing without a session id, as cookies issued before server-side sessions were", async () => {
    const user = await newUser();
    const legacy = { [sessionCookieName()]: await encode({ token: { sub: user.id, name: "x" }, secret }) };
    expect(await userFromCookies(legacy)).toBeNull();
    expect(await sessionUserId(legacy)).toBeNull();
  });

  it("counts for nothing when it names another user's session, or a session that never was", async () => {
    const [a, b] = [await newUser(), await newUser()];
    const { sessionId } = await sessionCookie(a.id);
    const borrowed = { [sessionCookieName()]: await encode({ token: { sub: b.id, sid: sessionId }, secret }) };
    expect(await userFromCookies(borrowed)).toBeNull();
    const invented = { [sessionCookieName()]: await encode({ token: { sub: a.id, sid: randomUUID() }, secret }) };
    expect(await userFromCookies(invented)).toBeNull();
  });

  it("stops counting the moment its session ends, though it was read while live", async () => {
    const user = await newUser();
    const { sessionId, value } = await sessionCookie(user.id);
    const cookie = { [sessionCookieName()]: value };
    expect(await sessionUserId(cookie)).toBe(user.id);
    expect((await userFromCookies(cookie))?.id).toBe(user.id);
    await endSession(sessionId);
    expect(await sessionUserId(cookie)).toBeNull();
    expect(await userFromCookies(cookie)).toBeNull();
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

  it("notes when its session was last seen at most once a minute, not on every read", async () => {
    const user = await newUser();
    const { sessionId, value } = await sessionCookie(user.id);
    const cookie = { [sessionCookieName()]: value };
    const lastSeen = async () => (await getDb().select().from(sessions).where(eq(sessions.id, sessionId)))[0]!.lastSeenAt.getTime();
    const started = await lastSeen();
    for (let i = 0; i < 5; i++) await userFromCookies(cookie);
    expect(await lastSeen()).toBe(started);
    await getDb().update(sessions).set({ lastSeenAt: sql`now() - interval '2 minutes'` }).where(eq(sessions.id, sessionId));
    const stale = await lastSeen();
    await sessionUserId(cookie);
    const seen = await lastSeen();
    expect(seen).toBeGreaterThan(stale + 60_000);
    await userFromCookies(cookie);
    expect(await lastSeen()).toBe(seen);
  });

  it("is read from a raw Cookie header, ignoring malformed neighbours", () => {
    expect(parseCookieHeader("a=1; next-auth.session-token=abc%3D; bad=%E0%A4%A; flag")).toEqual({
      a: "1",
      "next-auth.session-token": "abc=",
    });
    expect(parseCookieHeader(undefined)).toEqual({});
  });
});
