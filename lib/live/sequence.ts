import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { forums } from "@/db/schema";
import { notFound } from "@/lib/core/errors";

/**
 * Advances the forum's sequence number inside a write's transaction and returns it for the
 * write's live event. The row update also serialises concurrent writes to one forum.
 */
export async function bumpSeq(tx: Tx, forumId: string): Promise<number> {
  const [row] = await tx
    .update(forums)
    .set({ seq: sql`${forums.seq} + 1` })
    .where(eq(forums.id, forumId))
    .returning({ seq: forums.seq });
  if (!row) throw notFound("Forum");
  return row.seq;
}
