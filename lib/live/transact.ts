import "server-only";
// The one path by which a write reaches the database and the live room. Its work runs in one
// transaction that first locks the forum the write is about (lib/access/forum.ts), so that it
// reads what it checks only once no other write to that forum can change it; the events it
// announced are published only once that transaction has committed, in the order of their
// sequence numbers. So a page never hears of a write that was rolled back, and a room hears a
// forum's events in the order the forum took them.
import { getDb, type Tx } from "@/db/client";
import { isRetryable } from "@/db/errors";
import { lockForumOf, type WriteScope } from "@/lib/access/forum";
import { firstSeqOf, type ForumEvent } from "@/lib/core/events";
import { publish } from "./realtime";

/** Records an event to publish after commit; null stands for "nothing to announce". */
export type Announce = (event: ForumEvent | null) => void;

// A serialisation failure or a deadlock means PostgreSQL rolled the transaction back to let
// another one through; running it again is the answer, not an error for the client. With every
// write taking its forum's lock first neither should happen, so a few tries are plenty.
const ATTEMPTS = 5;

/**
 * Runs `work` in one transaction, after locking the forum of `scope` (null: a write that belongs
 * to no forum, such as creating one), and publishes what it announced after commit.
 */
export async function transact<T>(scope: WriteScope | null, work: (tx: Tx, announce: Announce) => Promise<T>): Promise<T> {
  return retrying(async () => {
    const events: ForumEvent[] = [];
    const result = await getDb().transaction(async (tx) => {
      if (scope) await lockForumOf(tx, scope);
      return work(tx, (event) => {
        if (event) events.push(event);
      });
    });
    events.sort((a, b) => firstSeqOf(a) - firstSeqOf(b));
    for (const event of events) publish(event);
    return result;
  });
}

/** Runs a transaction again when PostgreSQL rolled it back for a serialisation failure or a deadlock. */
export async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      // A little random wait, so that two writes that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
