import "server-only";
// The forum's row as the guard of every write: whether the forum is open, and its lock, which a
// write that must not interleave with another takes before it reads what it depends on.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { forums, type Forum } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";

/** A closed forum is read-only until its chair reopens it. */
export async function requireOpenForum(db: Db | Tx, forumId: string): Promise<Forum> {
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  if (forum.status === "closed") {
    throw new DomainError("conflict", "This forum is closed: it is read-only until the chair reopens it.");
  }
  return forum;
}

/**
 * Locks the forum's row until the transaction ends. A write that must not interleave with another
 * (a position against a decision closing) takes it first, then reads what it depends on.
 */
export async function lockForum(tx: Tx, forumId: string) {
  await tx.select({ id: forums.id }).from(forums).where(eq(forums.id, forumId)).for("update");
}
