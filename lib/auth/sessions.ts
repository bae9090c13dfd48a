import "server-only";
// The sessions table: one row per signed-in browser, named by its session cookie. A cookie counts
// only while its row exists, so ending a session is deleting its row, and it ends on every
// instance at once. Reading a session is one lookup by primary key; last-seen moves at most once
// a minute, so a busy page does not write on every request.
import { and, asc, eq, lt, ne, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import type { PublicUser } from "./users";

/** How long a session lasts: the lifetime of next-auth's cookie (lib/http/next-auth.ts). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
const LAST_SEEN_EVERY_MS = 60_000;

/** Records a new session for the user (at sign-in) and returns the id its cookie carries. */
export async function startSession(userId: string): Promise<string> {
  const db = getDb();
  // Rows whose cookie has expired can never be used again: a sign-in clears the user's.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), lt(sessions.createdAt, sql`now() - make_interval(secs => ${SESSION_MAX_AGE_S})`)));
  const [row] = await db.insert(sessions).values({ userId }).returning({ id: sessions.id });
  return row!.id;
}

/** The user of a live session, or null when it has ended. `userId` is what the cookie claims. */
export async function liveSessionUser(sessionId: string, userId: string): Promise<PublicUser | null> {
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  if (!row) return null;
  await noteSeen(sessionId, row.lastSeenAt);
  return { id: row.id, name: row.name, email: row.email };
}

/** Whether the session is live, without reading the account (a row exists only while its user does). */
export async function sessionIsLive(sessionId: string, userId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  if (!row) return false;
  await noteSeen(sessionId, row.lastSeenAt);
  return true;
}

async function noteSeen(sessionId: string, lastSeenAt: Date) {
  if (Date.now() - lastSeenAt.getTime() < LAST_SEEN_EVERY_MS) return;
  // Conditional, so that the requests of one busy minute on several instances write once.
  await getDb()
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
}

/** Ends one session (signing out); ending one that has ended already is no error. */
export async function endSession(sessionId: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Ends every session of the user but `keep` (the one making the request, on a password change),
 * and returns the ids of those ended, so that their live connections can be closed too.
 */
export async function endSessionsOf(userId: string, keep: string | null = null, db: Db | Tx = getDb()): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** The user's sessions, oldest first, for the account page. */
export async function listSessions(userId: string, current: string | null) {
  const rows = await getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.createdAt} > now() - make_interval(secs => ${SESSION_MAX_AGE_S})`))
    .orderBy(asc(sessions.createdAt));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.id === current,
  }));
}
