import "server-only";
// PUT /api/measures/:measureId/position, answered by server.ts itself instead of a Next route
// handler. It is the busiest request of a forum in session, and Next's routing alone costs more
// CPU than writing the position (bench/README.md has the figures). The contract is that of every
// route handler (lib/http.ts): an API token or the session cookie, a JSON body, the result as
// JSON, and errors as `{ error, details? }` with the statuses of lib/error-replies.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorReply } from "./error-replies";
import { DomainError, malformedJson, notFound, unauthenticated } from "@/lib/core/errors";
import { isId, takePositionInput } from "@/lib/core/validation";
import { takePosition } from "@/lib/measure/positions";
import { parseCookieHeader, sessionUserId, userForAuthorization } from "@/lib/auth/session";

const route = /^\/api\/measures\/([^/?#]+)\/position(?:\?.*)?$/;
// A rationale is at most 2,000 characters: a body of more is not a position.
const MAX_BODY_BYTES = 32 * 1024;

/** The measure id if `url` is this endpoint's, else null (the request is Next's). */
export function positionRequestFor(url: string | undefined): string | null {
  const match = route.exec(url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

export async function servePosition(req: IncomingMessage, res: ServerResponse, measureId: string) {
  if (req.method !== "PUT") {
    return reply(res, 405, { error: `${req.method} is not allowed here: a position is taken with PUT.` }, { allow: "PUT" });
  }
  try {
    const userId = await callerId(req);
    const body = takePositionInput.parse(await readJsonBody(req));
    if (!isId(measureId)) throw notFound("Measure");
    reply(res, 200, await takePosition(userId, measureId, body));
  } catch (error) {
    const { status, body, headers } = errorReply(error);
    reply(res, status, body, headers);
  }
}

/** An API token, or else the session cookie: whose membership the domain then checks. */
async function callerId(req: IncomingMessage): Promise<string> {
  const header = req.headers.authorization;
  // Present at all, even empty or malformed, it is the credential: the cookie is not looked at.
  if (header !== undefined) return (await userForAuthorization(header)).id;
  const userId = await sessionUserId(parseCookieHeader(req.headers.cookie));
  if (!userId) throw unauthenticated();
  return userId;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const tooLarge = () => new DomainError("too_large", `The request body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw malformedJson();
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}
