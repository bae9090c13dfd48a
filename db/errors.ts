import "server-only";
// Tells a database that cannot be reached (down, restarting, out of connections, the
// connection cut mid-transaction) from a bug: the first is worth a 503 and a retry, and a
// transaction it interrupted was rolled back by the database, so nothing is half-written.

// SQLSTATE classes and codes: connection exception (08…), operator intervention (57P01–57P03:
// shutdown, crash, not yet accepting), too many connections, and the two a retry resolves
// (serialisation failure, deadlock).
const transientStates = /^(08...|57P0[123]|53300|40001|40P01)$/;
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
const poolMessages = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

/** True when `error`, or what caused it (drizzle wraps driver errors), is the database being unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (transientStates.test(code) || networkCodes.has(code))) return true;
    if (poolMessages.test(e.message)) return true;
  }
  return false;
}

/** The SQLSTATE of `error` or of what caused it (drizzle wraps driver errors), if any. */
function stateOf(error: unknown): string | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** A serialisation failure or a deadlock: the transaction was rolled back and may simply run again. */
export function isRetryable(error: unknown): boolean {
  const state = stateOf(error);
  return state === "40001" || state === "40P01";
}
