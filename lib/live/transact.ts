import "server-only";
// The one path by which a write reaches the database and the live room: its work runs in one
// transaction, and the events it announced are published only once that transaction has
// committed, in the order of their sequence numbers. So a page never hears of a write that was
// rolled back, and a room hears a forum's events in the order the forum took them.
import { getDb, type Tx } from "@/db/client";
import { firstSeqOf, type ForumEvent } from "@/lib/core/events";
import { publish } from "./realtime";

/** Records an event to publish after commit; null stands for "nothing to announce". */
export type Announce = (event: ForumEvent | null) => void;

export async function transact<T>(work: (tx: Tx, announce: Announce) => Promise<T>): Promise<T> {
  const events: ForumEvent[] = [];
  const result = await getDb().transaction((tx) =>
    work(tx, (event) => {
      if (event) events.push(event);
    }),
  );
  events.sort((a, b) => firstSeqOf(a) - firstSeqOf(b));
  for (const event of events) publish(event);
  return result;
}
