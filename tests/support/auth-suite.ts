// Accounts and their credentials against a real database, run on PGlite and (when configured)
// PostgreSQL by auth.pglite.test.ts and auth.postgres.test.ts: sessions that end on the server
// (sign-out, sign out everywhere, a password change), the password policy, registration that
// tells strangers nothing, and API tokens (strict header, last use noted once a minute).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { apiTokens, sessions, users } from "@/db/schema";
import { changePassword } from "@/lib/auth/account";
import { createToken, revokeToken, userForToken } from "@/lib/auth/api-tokens";
import { sessionCookieName, userForAuthorization, userFromCookies } from "@/lib/auth/session";
import { endSessionsOf, listSessions } from "@/lib/auth/sessions";
import { authenticate, signUp } from "@/lib/auth/users";
import { DomainError, RateLimited } from "@/lib/core/errors";
import { changePasswordInput, registerInput } from "@/lib/core/validation";
import { authOptions } from "@/lib/http/next-auth";
import { withDatabase } from "./databases";
import { sessionCookie } from "./sessions";
import { newUser } from "./world";

const PASSWORD = "correct horse battery";
const cookieOf = (value: string) => ({ [sessionCookieName()]: value });
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

export function authSuite(open: () => Promise<Database>) {
  withDatabase(open);
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-sufficient-length-0123456789";
  });

  describe("sessions", () => {
    it("are started by sign-in and ended by sign-out, after which the cookie counts for nothing", async () => {
      const user = await newUser();
      const jwt = authOptions.callbacks!.jwt!;
      const token = await jwt({ token: { sub: user.id }, user: { id: user.id }, trigger: "signIn" } as never);
      const sid = token.sid as string;
      expect((await getDb().select().from(sessions).where(eq(sessions.id, sid))).map((s) => s.userId)).toEqual([user.id]);
      // What next-auth's own session endpoint does with the cookie: accepted while live.
      await expect(jwt({ token } as never)).resolves.toMatchObject({ sid });

      await authOptions.events!.signOut!({ token, session: undefined as never });
      expect(await getDb().select().from(sessions).where(eq(sessions.id, sid))).toEqual([]);
      await expect(jwt({ token } as never)).rejects.toThrow("This session has ended.");
    });

    it("all end at once when the user signs out everywhere, and nobody else's do", async () => {
      const [user, other] = [await newUser(), await newUser()];
      const mine = [await sessionCookie(user.id), await sessionCookie(user.id)];
      const theirs = await sessionCookie(other.id);
      expect(await endSessionsOf(user.id)).toEqual(expect.arrayContaining(mine.map((s) => s.sessionId)));
      for (const s of mine) expect(await userFromCookies(cookieOf(s.value))).toBeNull();
      expect((await userFromCookies(cookieOf(theirs.value)))?.id).toBe(other.id);
    });

    it("are listed for their user, the current one marked", async () => {
      const user = await newUser();
      const [a, b] = [await sessionCookie(user.id), await sessionCookie(user.id)];
      const listed = await listSessions(user.id, b.sessionId);
      expect(listed.map((s) => [s.id, s.current])).toEqual([
        [a.sessionId, false],
        [b.sessionId, true],
      ]);
    });

    it("end when their account is deleted", async () => {
      const user = await newUser();
      const { value } = await sessionCookie(user.id);
      await getDb().delete(users).where(eq(users.id, user.id));
      expect(await userFromCookies(cookieOf(value))).toBeNull();
    });
  });

  describe("changing the password", () => {
    it("needs the current password, and then ends every other session but keeps this one", async () => {
      const user = await newUser();
      const [here, elsewhere, third] = [await sessionCookie(user.id), await sessionCookie(user.id), await sessionCookie(user.id)];
      const input = await changePasswordInput.parseAsync({ currentPassword: PASSWORD, newPassword: "quiet lantern harbour" });
      const ended = await changePassword({ user, keep: here.sessionId, address: address() }, input);
      expect(ended.sort()).toEqual([elsewhere.sessionId, third.sessionId].sort());
      expect((await userFromCookies(cookieOf(here.value)))?.id).toBe(user.id);
      expect(await userFromCookies(cookieOf(elsewhere.value))).toBeNull();
      expect(await authenticate({ email: user.email, password: "quiet lantern harbour" })).toMatchObject({ id: user.id });
      expect(await authenticate({ email: user.email, password: PASSWORD })).toBeNull();
    });

    it("with an API token (no session of its own) ends every session", async () => {
      const user = await newUser();
      const session = await sessionCookie(user.id);
      const input = await changePasswordInput.parseAsync({ currentPassword: PASSWORD, newPassword: "quiet lantern harbour" });
      expect(await changePassword({ user, keep: null, address: address() }, input)).toEqual([session.sessionId]);
    });

    it("refuses a wrong current password, changing nothing, and counts it as a failed sign-in", async () => {
      const user = await newUser();
      const other = await sessionCookie(user.id);
      const from = address();
      const input = await changePasswordInput.parseAsync({ currentPassword: "not the password", newPassword: "quiet lantern harbour" });
      for (let i = 0; i < 5; i++) {
        const error = await rejection(changePassword({ user, keep: null, address: from }, input));
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).message).toBe("The current password is not correct.");
      }
      expect((await userFromCookies(cookieOf(other.value)))?.id).toBe(user.id);
      expect(await authenticate({ email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
      // The sixth guess from this address is throttled, even with the right password.
      const right = await changePasswordInput.parseAsync({ currentPassword: PASSWORD, newPassword: "quiet lantern harbour" });
      expect(await rejection(changePassword({ user, keep: null, address: from }, right))).toBeInstanceOf(RateLimited);
    });

    it("serialises two changes at once: the second checks the first's new password", async () => {
      const user = await newUser();
      const change = async (newPassword: string) =>
        rejection(changePassword({ user, keep: null, address: address() }, await changePasswordInput.parseAsync({ currentPassword: PASSWORD, newPassword })));
      const outcomes = await Promise.all([change("quiet lantern harbour"), change("amber violin orchard")]);
      expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    });
  });

  describe("the password policy", () => {
    const register = (password: string) => registerInput.safeParseAsync({ name: "Ana Duarte", email: "ana.duarte@example.org", password });
    const problems = async (password: string) => (await register(password)).error?.issues.map((i) => i.message) ?? [];

    it("refuses common and breached-list passwords, with a message that says why", async () => {
      for (const common of ["password", "password1234", "P@ssw0rd!", "qwertyuiop", "iloveyou2", "letmein123"]) {
        expect(await problems(common), common).toEqual([expect.stringMatching(/^This password is too easy to guess\./)]);
      }
      expect(await problems("password")).toEqual(["This password is too easy to guess. This is a heavily used password. Add more words that are less common."]);
    });

    it("refuses a password of spaces only, and one made of the account's own name or email", async () => {
      expect(await problems("          ")).toEqual(["A password cannot be only spaces."]);
      expect(await problems("ana.duarte@example.org")).toEqual([expect.stringMatching(/too easy to guess/)]);
    });

    it("says only that a password is too short when it is", async () => {
      expect(await problems("pass")).toEqual(["Password must be at least 8 characters."]);
    });

    it("accepts a few uncommon words, and applies to a new password too", async () => {
      expect((await register(PASSWORD)).success).toBe(true);
      expect((await register("Tr0ub4dor&3 cactus")).success).toBe(true);
      expect((await changePasswordInput.safeParseAsync({ currentPassword: "x", newPassword: "password" })).error?.issues[0]?.path).toEqual(["newPassword"]);
      expect((await changePasswordInput.safeParseAsync({ currentPassword: "x", newPassword: "amber violin orchard" })).success).toBe(true);
    });
  });

  describe("registration as strangers see it", () => {
    it("answers alike for a new email and a registered one, and changes nothing on the existing account", async () => {
      const existing = await newUser("Existing Owner");
      const fresh = `fresh.${randomUUID().slice(0, 8)}@example.org`;
      const a = await signUp({ name: "Someone", email: fresh, password: "amber violin orchard" });
      const b = await signUp({ name: "Someone", email: existing.email, password: "amber violin orchard" });
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(a).toEqual({ name: "Someone", email: fresh });
      expect(b).toEqual({ name: "Someone", email: existing.email });
      const [row] = await getDb().select().from(users).where(eq(users.id, existing.id));
      expect(row!.name).toBe("Existing Owner");
      expect(await authenticate({ email: existing.email, password: "amber violin orchard" })).toBeNull();
      expect(await authenticate({ email: existing.email, password: PASSWORD })).toMatchObject({ id: existing.id });
    });
  });

  describe("API tokens", () => {
    it("take exactly `Bearer <token>`: two spaces, a tab, another scheme or nothing at all is refused", async () => {
      const user = await newUser();
      const { token } = await createToken(user.id, { name: "script" });
      expect(await userForAuthorization(`Bearer ${token}`)).toMatchObject({ id: user.id });
      for (const header of [`Bearer  ${token}`, `Bearer\t${token}`, `Bearer ${token} extra`, `Basic ${token}`, token, "Bearer", "Bearer ", ""]) {
        const error = await rejection(userForAuthorization(header));
        expect(error, JSON.stringify(header)).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe("unauthenticated");
      }
    });

    it("note their last use at most once a minute, and stop working the moment they are revoked", async () => {
      const user = await newUser();
      const created = await createToken(user.id, { name: "script" });
      const lastUsed = async () => (await getDb().select().from(apiTokens).where(eq(apiTokens.id, created.id)))[0]!.lastUsedAt?.getTime() ?? null;
      expect(await lastUsed()).toBeNull();
      expect(await userForToken(created.token)).toMatchObject({ id: user.id });
      const first = await lastUsed();
      expect(first).not.toBeNull();
      for (let i = 0; i < 5; i++) await userForToken(created.token);
      expect(await lastUsed()).toBe(first);
      await getDb().update(apiTokens).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(apiTokens.id, created.id));
      const stale = await lastUsed();
      await userForToken(created.token);
      expect(await lastUsed()).toBeGreaterThan(stale! + 60_000);
      await revokeToken(user.id, created.id);
      expect(await userForToken(created.token)).toBeNull();
    });

    it("are not sessions: signing out everywhere leaves them working", async () => {
      const user = await newUser();
      const { token } = await createToken(user.id, { name: "script" });
      await sessionCookie(user.id);
      await endSessionsOf(user.id);
      expect(await userForToken(token)).toMatchObject({ id: user.id });
    });
  });
}
