import "server-only";
// The one wrapper every route handler goes through, and the one place an HTTP request's input is
// validated: it authenticates the caller, parses the path ids, the other path parameters, the
// JSON body and the query string with their zod schemas (lib/core/validation.ts), runs the
// domain function with typed input, and maps what it throws to a JSON error `{ error, details? }`
// with the right status (lib/http/error-replies.ts).
import { NextResponse } from "next/server";
import type { z } from "zod";
import { userForAuthorization } from "@/lib/auth/session";
import type { PublicUser } from "@/lib/auth/users";
import { DomainError, malformedJson, notFound, unauthenticated } from "@/lib/core/errors";
import { isId } from "@/lib/core/validation";
import { errorReply } from "./error-replies";
import { clientAddress } from "./client-address";
import { getCurrentSession } from "./next-auth";

export function errorResponse(error: unknown): NextResponse {
  const { status, body, headers } = errorReply(error);
  return NextResponse.json(body, { status, headers });
}

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw malformedJson();
  }
}

/**
 * A bearer token (scripts) or the session cookie (the browser) identifies the caller; `sessionId`
 * is the cookie's session, null for a token. An Authorization header, even an empty or malformed
 * one, means a token: the cookie is then not looked at.
 */
async function caller(req: Request): Promise<{ user: PublicUser; sessionId: string | null }> {
  const header = req.headers.get("authorization");
  if (header !== null) return { user: await userForAuthorization(header), sessionId: null };
  const session = await getCurrentSession();
  if (!session) throw unauthenticated();
  return session;
}

/**
 * What a route takes from the request. `ids` names each path parameter that is a record's id and
 * what it is the id of ("Forum"): one that is not a well-formed id gets the same 404 as an id
 * nobody has. `params` parses the other path parameters, `body` the JSON body, `query` the query
 * string; a failure of any is a 422 that says what is wrong (a body that is not JSON: 400).
 */
type Spec<I extends string, P, B, Q> = {
  ids?: Record<I, string>;
  params?: z.ZodType<P>;
  /** A path parameter that `params` refuses names nothing: 404 with its message, not 422. */
  paramsNameARecord?: boolean;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The status of a success: 200 unless given (201 for a creation, 204 for no body). */
  status?: number;
  /** A throttle, given the client's address before the body is read; it throws RateLimited to refuse. */
  limit?: (address: string) => Promise<void>;
};

type Input<I extends string, P, B, Q> = { req: Request; ids: Record<I, string>; params: P; body: B; query: Q };

async function parse<I extends string, P, B, Q>(spec: Spec<I, P, B, Q>, req: Request, rawParams: Record<string, string>): Promise<Input<I, P, B, Q>> {
  if (spec.limit) await spec.limit(clientAddress(req.headers));
  const ids = {} as Record<I, string>;
  for (const [name, what] of Object.entries(spec.ids ?? {}) as [I, string][]) {
    const value = rawParams[name];
    if (value === undefined || !isId(value)) throw notFound(what);
    ids[name] = value;
  }
  let params = undefined as P;
  if (spec.params) {
    const parsed = spec.params.safeParse(rawParams);
    if (!parsed.success && spec.paramsNameARecord) throw new DomainError("not_found", parsed.error.issues[0]?.message ?? "Not found.");
    if (!parsed.success) throw parsed.error;
    params = parsed.data;
  }
  // Asynchronously: some schemas refine with asynchronous checks (the password policy).
  const body = (spec.body ? await spec.body.parseAsync(await readJson(req)) : undefined) as B;
  const query = (spec.query ? spec.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined) as Q;
  return { req, ids, params, body, query };
}

function respond(result: unknown, status: number): Response {
  if (result instanceof Response) return result;
  return status === 204 ? new NextResponse(null, { status }) : NextResponse.json(result, { status });
}

type Context = { params: Promise<Record<string, string>> };

/** A route handler for a signed-in caller: 401 before anything else is looked at. */
export function route<I extends string = never, P = undefined, B = undefined, Q = undefined>(
  spec: Spec<I, P, B, Q>,
  run: (input: Input<I, P, B, Q> & { user: PublicUser; sessionId: string | null }) => Promise<unknown>,
) {
  return async (req: Request, ctx: Context) => {
    try {
      const { user, sessionId } = await caller(req);
      const input = await parse(spec, req, await ctx.params);
      return respond(await run({ ...input, user, sessionId }), spec.status ?? 200);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A route handler open to anyone (registration). */
export function publicRoute<I extends string = never, P = undefined, B = undefined, Q = undefined>(
  spec: Spec<I, P, B, Q>,
  run: (input: Input<I, P, B, Q>) => Promise<unknown>,
) {
  return async (req: Request, ctx: Context) => {
    try {
      return respond(await run(await parse(spec, req, await ctx.params)), spec.status ?? 200);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
