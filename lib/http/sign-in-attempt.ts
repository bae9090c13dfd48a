import "server-only";
// The throttle's place in next-auth's sign-in. next-auth checks the password in the provider's
// `authorize` (lib/http/next-auth.ts), after its own CSRF check, and answers any refusal there
// with a 401; a throttled attempt must instead get a 429 with Retry-After. So the route handler
// runs next-auth inside an attempt that `authorize` can see (the client's address in, a refusal
// out), and answers the refusal itself.
import { AsyncLocalStorage } from "node:async_hooks";
import { NextResponse, type NextRequest } from "next/server";
import type { RateLimited } from "@/lib/core/errors";
import { malformedJson } from "@/lib/core/errors";
import { processWide } from "@/lib/core/process-wide";
import { clientAddress } from "./client-address";
import { errorReply } from "./error-replies";

type Attempt = { address: string; refused?: RateLimited };
type Handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

function errorResponse(error: unknown) {
  const { status, body, headers } = errorReply(error);
  return NextResponse.json(body, { status, headers });
}

const attempts = processWide("signInAttempts", () => new AsyncLocalStorage<Attempt>());

/** next-auth's route handler, with sign-in throttled and a body that is not JSON refused with 400. */
export function withSignInAttempt(handler: Handler): Handler {
  return async (req, ctx) => {
    // next-auth parses a JSON body itself and fails with a 500 on one that does not parse.
    if (req.method === "POST" && req.headers.get("content-type")?.includes("application/json")) {
      try {
        await req.clone().json();
      } catch {
        return errorResponse(malformedJson());
      }
    }
    const attempt: Attempt = { address: clientAddress(req.headers) };
    const res = await attempts.run(attempt, () => handler(req, ctx));
    return attempt.refused ? errorResponse(attempt.refused) : res;
  };
}

/** For `authorize`: the attempt under way (outside a request, such as in a test: an unknown address). */
export function currentSignInAttempt(): Attempt {
  return attempts.getStore() ?? { address: "unknown" };
}
