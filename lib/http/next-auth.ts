import "server-only";
// Sign-in with next-auth v4: email and password (Credentials provider), JWT sessions in a cookie.
// The same cookie authenticates the Socket.IO handshake (lib/socket-server.ts).
import type { NextAuthOptions } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { disconnectUser } from "@/lib/live/realtime";
import { userFromCookies } from "@/lib/auth/session";
import { authenticate, type PublicUser } from "@/lib/auth/users";
import { credentialsInput } from "@/lib/core/validation";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
        return authenticate(parsed.data);
      },
    }),
  ],
  events: {
    // A session is a stateless JWT, so signing out cannot revoke it; what it can do is close
    // the user's live connections (on every instance): pages left open in this browser stop
    // updating, and their reconnection fails now that the cookie is gone.
    signOut({ token }) {
      if (token?.sub) disconnectUser(token.sub);
    },
  },
  callbacks: {
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

/**
 * The signed-in user of this request, or null. Cached per request: the layout and the page both
 * ask while rendering one page.
 */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const store = await cookies();
  return userFromCookies(Object.fromEntries(store.getAll().map((c) => [c.name, c.value])));
});
