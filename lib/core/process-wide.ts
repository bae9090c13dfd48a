// server.ts's bundle and Next's each load their own copy of the app's modules into one process
// (STACK-NOTES.md). What must exist once per process — the database, the Socket.IO server, what
// each room has been sent — is made here, on globalThis, and found again by the other copy.

/** The process's one value under `name`, made by `create` the first time any copy asks. */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[Symbol.for(`concord.${name}`)] ??= create());
}
