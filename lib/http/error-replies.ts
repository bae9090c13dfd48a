import "server-only";
// What an error thrown by a domain function means to an HTTP client: status, JSON body
// `{ error, details? }` and headers. Shared by Next's route handlers (lib/http.ts) and the
// request server.ts answers itself (lib/position-endpoint.ts).
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { DomainError, RateLimited, type DomainErrorCode } from "@/lib/core/errors";

export interface ErrorReply {
  status: number;
  body: { error: string; details?: unknown };
  headers?: Record<string, string>;
}

const statusOf: Record<DomainErrorCode, number> = {
  malformed: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return { status: 422, body: { error: error.issues[0]?.message ?? "Invalid input.", details } };
  }
  if (error instanceof RateLimited) {
    return { status: 429, body: { error: error.message }, headers: { "retry-after": String(error.retryAfterSeconds) } };
  }
  if (error instanceof DomainError) {
    return { status: statusOf[error.code], body: { error: error.message, ...(error.details ? { details: error.details } : {}) } };
  }
  if (isDatabaseUnavailable(error)) {
    console.error("The database is unavailable:", error instanceof Error ? (error.cause ?? error) : error);
    return {
      status: 503,
      body: { error: "The database is unavailable right now, so this could not be done. Please try again in a few seconds." },
      headers: { "retry-after": "5" },
    };
  }
  console.error("Unhandled error in route handler", error);
  return { status: 500, body: { error: "Something went wrong on the server. Please try again." } };
}
