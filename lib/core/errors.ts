// Errors a domain function raises on purpose. Each maps to one HTTP status (lib/error-replies.ts) and
// carries a message a person can act on.

export type DomainErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  // Well-formed input that the rules refuse (a deadline in the past): 422, like a schema error.
  | "invalid"
  // A body that is not JSON at all: 400.
  | "malformed"
  // A body larger than the request can ever need: 413.
  | "too_large"
  // Too many attempts (sign-in, registration): 429, with the seconds to wait (RateLimited).
  | "rate_limited";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Too many attempts: try again after `retryAfterSeconds` (sent as the Retry-After header). */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const malformedJson = () => new DomainError("malformed", "The request body must be valid JSON.");
export const unauthenticated = () =>
  new DomainError("unauthenticated", "Please sign in to continue.");
