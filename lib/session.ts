import "server-only";
// Reading the session cookie (a next-auth JWT). Kept apart from lib/auth.ts, which needs
// next/headers: server.ts bundles this module for the Socket.IO handshake, outside Next.
import { getToken } from "next-auth/jwt";
import { getUser, type PublicUser } from "./users";

/**
 * The user whose session cookie this is, or null. A session for an account that no longer
 * exists counts as none. This is what next-auth's getServerSession decides, minus its internal
 * session round (building a request for its own handler, running callbacks, re-encoding a
 * cookie that a server component cannot set anyway): the same JWT decode with the same secret,
 * expiry included. It costs a third of the CPU (bench/cost.ts), and every request and page needs it.
 */
export async function userFromCookies(cookies: Record<string, string>): Promise<PublicUser | null> {
  const token = await getToken({
    // No headers: a JWT in an Authorization header is not a session (lib/http.ts reads API tokens there).
    req: { cookies, headers: {} } as never,
    secret: process.env.NEXTAUTH_SECRET,
    cookieName: sessionCookieName(),
  });
  return token?.sub ? getUser(token.sub) : null;
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
