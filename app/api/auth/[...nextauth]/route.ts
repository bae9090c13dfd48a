import NextAuth from "next-auth";
import { authOptions } from "@/lib/http/next-auth";
import { withSignInAttempt } from "@/lib/http/sign-in-attempt";

const handler = withSignInAttempt(NextAuth(authOptions));
export { handler as GET, handler as POST };
