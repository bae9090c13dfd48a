import "server-only";
// The one wrapper every route handler goes through: authenticate, run the domain function, and
// map what it throws to a JSON error `{ error, details? }` with the right status.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { userForToken } from "./api-tokens";
import { getCurrentUser } from "./auth";
import { isDatabaseUnavailable } from "./db-errors";
import { DomainError, unauthenticated, type DomainErrorCode } from "./errors";
import type { PublicUser } from "./users";

const statusOf: Record<DomainErrorCode, number> = {
  malformed: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return NextResponse.json({ error: error.issues[0]?.message ?? "Invalid input.", details }, { status: 422 });
  }
  if (error instanceof DomainError) {
    return NextResponse.json(
      { error: error.message, ...(error.details ? { details: error.details } : {}) },
      { status: statusOf[error.code] },
    );
  }
  if (isDatabaseUnavailable(error)) {
    console.error("The database is unavailable:", error instanceof Error ? (error.cause ?? error) : error);
    return NextResponse.json(
      { error: "The database is unavailable right now, so this could not be done. Please try again in a few seconds." },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  console.error("Unhandled error in route handler", error);
  return NextResponse.json({ error: "Something went wrong on the server. Please try again." }, { status: 500 });
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new DomainError("malformed", "The request body must be valid JSON.");
  }
}

type Context<P> = { params: Promise<P> };

/** A bearer token (scripts) or the session cookie (the browser) identifies the caller. */
async function caller(req: Request): Promise<PublicUser> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await userForToken(match[1]!) : null;
    if (!user) throw new DomainError("unauthenticated", "The API token is invalid or has been revoked.");
    return user;
  }
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  return user;
}

/** A route handler for a signed-in user. `run` returns the JSON body (status 200 or `status`). */
export function authed<P = object>(
  run: (args: { req: Request; user: PublicUser; params: P }) => Promise<unknown>,
  status = 200,
) {
  return async (req: Request, ctx: Context<P>) => {
    try {
      const user = await caller(req);
      const body = await run({ req, user, params: await ctx.params });
      if (body instanceof Response) return body;
      return status === 204 ? new NextResponse(null, { status }) : NextResponse.json(body, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A route handler open to anyone (registration). */
export function open(run: (req: Request) => Promise<unknown>, status = 200) {
  return async (req: Request) => {
    try {
      return NextResponse.json(await run(req), { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
