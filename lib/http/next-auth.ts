import "server-only";
// Sign-in with next-auth v4: email and password (Credentials provider), JWT sessions in a cookie.
// The JWT names a row of the sessions table (lib/auth/sessions.ts), and counts only while that
// row exists: signing out deletes it, so a copied cookie stops working at once, everywhere. The
// same cookie authenticates the Socket.IO handshake (lib/live/socket-server.ts).
import type { NextAuthOptions } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { disconnectSessions } from "@/lib/live/realtime";
import { sessionFromCookies } from "@/lib/auth/session";
import { endSession, SESSION_MAX_AGE_S, sessionIsLive, startSession } from "@/lib/auth/sessions";
import { beginSignIn, signInSucceeded } from "@/lib/auth/throttle";
import { authenticate, type PublicUser } from "@/lib/auth/users";
import { credentialsInput } from "@/lib/core/validation";
import { currentSignInAttempt } from "./sign-in-attempt";

/** Thrown by the jwt callback for a cookie whose session has ended: next-auth then clears it. */
class SessionEnded extends Error {
  constructor() {
    super("This session has ended.");
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/signin" },
  // Read when used, not at import: server.ts may generate the secret at start-up.
  get secret() {
    return process.env.NEXTAUTH_SECRET;
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const parsed = credentialsInput.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const attempt = currentSignInAttempt();
        const refused = await beginSignIn(parsed.data.email, attempt.address);
        if (refused) {
          attempt.refused = refused;
          return null;
        }
        const user = await authenticate(parsed.data);
        if (user) await signInSucceeded(parsed.data.email, attempt.address);
        return user;
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.sid !== "string") return;
      await endSession(token.sid);
      disconnectSessions([token.sid]);
    },
  },
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (trigger === "signIn" && user) return { ...token, sid: await startSession(user.id) };
      // next-auth's own session endpoint (GET /api/auth/session) reads the cookie this way.
      if (typeof token.sid !== "string" || !token.sub || !(await sessionIsLive(token.sid, token.sub))) throw new SessionEnded();
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  logger: {
    // An ended session read through next-auth's session endpoint is expected, not an error.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};

/**
 * The signed-in user of this request and their session, or null. Cached per request: the layout
 * and the page both ask while rendering one page.
 */
export const getCurrentSession = cache(async (): Promise<{ user: PublicUser; sessionId: string } | null> => {
  const store = await cookies();
  return sessionFromCookies(Object.fromEntries(store.getAll().map((c) => [c.name, c.value])));
});

/** The signed-in user of this request, or null. */
export async function getCurrentUser(): Promise<PublicUser | null> {
  return (await getCurrentSession())?.user ?? null;
}
