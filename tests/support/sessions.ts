// Session cookies as next-auth issues them at sign-in: a JWT naming a row of the sessions table.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { startSession } from "@/lib/auth/sessions";

/** A signed-in user's cookie: a new session row, and its JWT under `secret` (the process's unless given). */
export async function sessionCookie(userId: string, options: { secret?: string; maxAge?: number } = {}) {
  const sessionId = await startSession(userId);
  const value = await encode({ token: { sub: userId, sid: sessionId }, secret: options.secret ?? process.env.NEXTAUTH_SECRET!, maxAge: options.maxAge });
  return { sessionId, value, header: `next-auth.session-token=${value}` };
}

/** A cookie no sign-in issued: signed with another secret, for a session that does not exist. */
export async function forgedCookie(userId: string = randomUUID()) {
  const value = await encode({ token: { sub: userId, sid: randomUUID() }, secret: "another-secret-another-secret-0123" });
  return `next-auth.session-token=${value}`;
}
