// Group commit: writes that arrive while a batch of them is being written wait, and go together
// in the next batch, one transaction for all. Under load this divides the cost of a transaction
// (its round trips, its commit) by the batch size; a write that comes alone is written alone.

/** What became of one item of a batch: its result, its own error, or "again" (next batch). */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown } | "again";

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `write` gets the items of one batch, in arrival order, and answers one outcome per item. An
 * item put off with "again" leads the next batch (a batch may not, say, hold two writes of the
 * same row). If `write` throws, every item of the batch fails with that error.
 *
 * A batch starts on the event loop's next turn (setImmediate), after the requests that reached
 * the server meanwhile have been read. That matters with PGlite: it runs in this thread and a
 * whole transaction can complete without yielding to I/O, so without the turn each request
 * would be read only after the previous one was written, and every batch would hold one.
 *
 * Under load, that turn still leaves batches small: only the requests that arrived during the
 * last batch are waiting, and each batch pays the same fixed cost. So while items arrive at
 * least once per `gatherMs` (their smoothed spacing says so), a batch waits `gatherMs` before
 * it starts, and the requests read meanwhile join it. A write that comes alone never waits.
 */
export function groupCommit<I, O>(write: (items: I[]) => Promise<Outcome<O>[]>, maxBatch: number, gatherMs = 0) {
  let queue: Waiting<I, O>[] = [];
  let busy = false;
  // The time between arrivals in ms, smoothed (each new one weighs half); it starts as for an
  // idle server, and an idle spell counts as one second so that a burst after it soon registers.
  let spacing = 1_000;
  let lastArrival: number | undefined;

  const schedule = () => {
    if (busy || queue.length === 0) return;
    busy = true;
    if (spacing <= gatherMs) setTimeout(() => void writeNext(), gatherMs);
    else setImmediate(() => void writeNext());
  };

  async function writeNext() {
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    try {
      const outcomes = await write(batch.map((w) => w.item));
      const again: Waiting<I, O>[] = [];
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i]!;
        if (outcome === "again") again.push(waiting);
        else if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
      queue = [...again, ...queue];
    } catch (error) {
      batch.forEach((waiting) => waiting.reject(error));
    }
    busy = false;
    schedule();
  }

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      const now = performance.now();
      if (lastArrival !== undefined) spacing = (spacing + Math.min(now - lastArrival, 1_000)) / 2;
      lastArrival = now;
      queue.push({ item, resolve, reject });
      schedule();
    });
}
