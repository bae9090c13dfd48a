import "server-only";
// SIGINT and SIGTERM, heard from the moment server.ts starts loading: it imports this module
// first. Before these listeners exist a signal kills the process on the spot, which is harmless
// only while it holds nothing yet (no lock, no database): so they are installed before anything
// else is loaded. Start-up checks the signal between its steps and undoes what it opened; once
// the server listens, it drains.

/** Why start-up stopped: a signal asked it to. */
export class StopRequested extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`${signal} received`);
  }
}

const controller = new AbortController();

/** Aborted, with a StopRequested as its reason, by the first SIGINT or SIGTERM. */
export const stopSignal: AbortSignal = controller.signal;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!stopSignal.aborted) controller.abort(new StopRequested(signal));
  });
}

/** Runs `fn` when a stop is asked for, or now if it already was. */
export function onStop(fn: (reason: StopRequested) => void) {
  if (stopSignal.aborted) fn(stopSignal.reason as StopRequested);
  else stopSignal.addEventListener("abort", () => fn(stopSignal.reason as StopRequested), { once: true });
}
