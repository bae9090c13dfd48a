import "server-only";
// Reading the session cookie (a next-auth JWT). Kept apart from lib/auth.ts, which needs
// next/headers: server.ts bundles this module for the Socket.IO handshake, outside Next.
import { getToken } from "next-auth/jwt";
import { userForToken } from "./api-tokens";
import { DomainError } from "@/lib/core/errors";
import { getUser, type PublicUser } from "./users";

// Decoding a session JWT (a key derivation and a decryption) costs ~0.35 ms of CPU, and every
// request and socket handshake needs it, for the same tokens again and again. What a token says
// under a given secret never changes, so each is decoded once; its expiry is checked on each use.
const MAX_DECODED = 5_000;
const decoded = new Map<string, { secret: string | undefined; sub: string; expiresAt: number }>();

/**
 * The id of the user a session cookie vouches for (its JWT decrypted with the secret, not
 * expired), or null. The account itself is not read: callers that need it use userFromCookies.
 */
export async function sessionUserId(cookies: Record<string, string>): Promise<string | null> {
  const name = sessionCookieName();
  // next-auth splits a large session cookie into name.0, name.1, …
  const key = Object.keys(cookies)
    .filter((c) => c === name || c.startsWith(`${name}.`))
    .sort()
    .map((c) => cookies[c])
    .join(" ");
  if (!key) return null;
  const secret = process.env.NEXTAUTH_SECRET;
  const known = decoded.get(key);
  if (known && known.secret === secret) return known.expiresAt > Date.now() ? known.sub : null;
  const token = await getToken({
    // No headers: a JWT in an Authorization header is not a session (API tokens travel there).
    req: { cookies, headers: {} } as never,
    secret,
    cookieName: name,
  });
  if (!token?.sub || typeof token.exp !== "number") return null;
  if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, { secret, sub: token.sub, expiresAt: token.exp * 1000 });
  return token.sub;
}

/**
 * The user whose session cookie this is, or null. A session for an account that no longer
 * exists counts as none. This is what next-auth's getServerSession decides, minus its internal
 * session round (building a request for its own handler, running callbacks, re-encoding a
 * cookie that a server component cannot set anyway): the same JWT decode with the same secret,
 * expiry included. It costs a third of the CPU (bench/cost.ts), and every request and page needs it.
 */
export async function userFromCookies(cookies: Record<string, string>): Promise<PublicUser | null> {
  const id = await sessionUserId(cookies);
  return id ? getUser(id) : null;
}

/** The user of an `Authorization: Bearer <API token>` header; refused if it is not a live token. */
export async function userForAuthorization(header: string): Promise<PublicUser> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
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
