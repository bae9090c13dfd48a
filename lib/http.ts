import "server-only";
// The one wrapper every route handler goes through: authenticate, run the domain function, and
// map what it throws to a JSON error `{ error, details? }` with the right status.
import { NextResponse } from "next/server";
import { getCurrentUser } from "./auth";
import { errorReply } from "./error-replies";
import { malformedJson, unauthenticated } from "./errors";
import { userForAuthorization } from "./session";
import type { PublicUser } from "./users";

export function errorResponse(error: unknown): NextResponse {
  const { status, body, headers } = errorReply(error);
  return NextResponse.json(body, { status, headers });
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw malformedJson();
  }
}

type Context<P> = { params: Promise<P> };

/** A bearer token (scripts) or the session cookie (the browser) identifies the caller. */
async function caller(req: Request): Promise<PublicUser> {
  const header = req.headers.get("authorization");
  if (header) return userForAuthorization(header);
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
