import "server-only";
// Reading the session cookie (a next-auth JWT). Kept apart from lib/auth.ts, which needs
// next/headers: server.ts bundles this module for the Socket.IO handshake, outside Next.
import { getToken } from "next-auth/jwt";
import { userForToken } from "./api-tokens";
import { DomainError } from "@/lib/core/errors";
import { liveSessionUser, sessionIsLive } from "./sessions";
import type { PublicUser } from "./users";

// Decoding a session JWT (a key derivation and a decryption) costs ~0.35 ms of CPU, and every
// request and socket handshake needs it, for the same tokens again and again. What a token says
// under a given secret never changes, so each is decoded once; its expiry is checked on each use,
// and its session row (lib/auth/sessions.ts) is looked up on each use: that is what can end.
const MAX_DECODED = 5_000;
type Claims = { sub: string; sid: string; expiresAt: number };
const decoded = new Map<string, { secret: string | undefined; claims: Claims | null }>();

/**
 * What a session cookie claims (its JWT decrypted with the secret, not expired): the user and
 * the session row it names, or null. A cookie without a session id predates server-side
 * sessions and counts for nothing.
 */
async function claimsOf(cookies: Record<string, string>): Promise<Claims | null> {
  const name = sessionCookieName();
  // next-auth splits a large session cookie into name.0, name.1, …
  const key = Object.keys(cookies)
    .filter((c) => c === name || c.startsWith(`${name}.`))
    .sort()
    .map((c) => cookies[c])
    .join(" ");
  if (!key) return null;
  const secret = process.env.NEXTAUTH_SECRET;
  let known = decoded.get(key);
  if (!known || known.secret !== secret) {
    const token = await getToken({
      // No headers: a JWT in an Authorization header is not a session (API tokens travel there).
      req: { cookies, headers: {} } as never,
      secret,
      cookieName: name,
    });
    const valid = token?.sub && typeof token.sid === "string" && typeof token.exp === "number";
    known = { secret, claims: valid ? { sub: token.sub!, sid: token.sid as string, expiresAt: (token.exp as number) * 1000 } : null };
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, known);
  }
  return known.claims && known.claims.expiresAt > Date.now() ? known.claims : null;
}

/** The id of the user a session cookie vouches for, while its session lasts; else null. */
export async function sessionUserId(cookies: Record<string, string>): Promise<string | null> {
  const claims = await claimsOf(cookies);
  return claims && (await sessionIsLive(claims.sid, claims.sub)) ? claims.sub : null;
}

/**
 * The user and session of a session cookie, or null: no cookie, a forged, tampered or expired
 * one, or one whose session has ended (signed out, or its account deleted). This is what
 * next-auth's getServerSession decides, minus its internal session round (building a request
 * for its own handler, running callbacks, re-encoding a cookie that a server component cannot
 * set anyway), plus the session row: one indexed lookup, which also reads the account.
 */
export async function sessionFromCookies(cookies: Record<string, string>): Promise<{ user: PublicUser; sessionId: string } | null> {
  const claims = await claimsOf(cookies);
  if (!claims) return null;
  const user = await liveSessionUser(claims.sid, claims.sub);
  return user ? { user, sessionId: claims.sid } : null;
}

/** The user whose live session cookie this is, or null. */
export async function userFromCookies(cookies: Record<string, string>): Promise<PublicUser | null> {
  return (await sessionFromCookies(cookies))?.user ?? null;
}

/** The user of an `Authorization: Bearer <API token>` header; refused if it is not a live token. */
export async function userForAuthorization(header: string): Promise<PublicUser> {
  // Exactly "Bearer", one space and the token: anything else (two spaces, a tab, a second word)
  // is malformed, and refused like an unknown token.
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header);
  const user = match ? await userForToken(match[1]!) : null;
  if (!user) throw new DomainError("unauthenticated", "The API token is invalid or has been revoked.");
  return user;
}

/** The session cookie's name: next-auth prefixes it with __Secure- behind https. */
export function sessionCookieName() {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/** Cookies from a raw Cookie header (the Socket.IO handshake has no parsed ones). */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      parsed[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is not ours; ignore it.
    }
  }
  return parsed;
}
