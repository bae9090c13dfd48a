import "server-only";
// Sign-in with next-auth v4: email and password (Credentials provider), JWT sessions in a cookie.
// The same cookie authenticates the Socket.IO handshake (lib/socket-server.ts).
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { disconnectUser } from "./realtime";
import { getUser, authenticate, type PublicUser } from "./users";
import { credentialsInput } from "./validation";

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

/** The signed-in user, or null. A session for an account that no longer exists counts as none. */
export async function getCurrentUser(): Promise<PublicUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? getUser(id) : null;
}

/** The session cookie's name: next-auth prefixes it with __Secure- behind https. */
export function sessionCookieName() {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}
