import "server-only";
// The forum's row as the guard of every write. A write first locks the row of the forum it is
// about, then reads what it checks: all writes to one forum take the same lock first, so they run
// one after the other on PostgreSQL too, and none can pass a check that another is about to
// invalidate (two decisions opened at once, a member removed while taking a position). One lock,
// taken first, is also one order everywhere, so no two writes can deadlock over it.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { alternatives, amendments, comments, forums, measures, paragraphs, type Forum } from "@/db/schema";
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
 * What a write is about, by the id it was given: the forum it must lock is found from it. A
 * measure's forum, a paragraph's measure and so on never change, so finding them needs no lock.
 */
export type WriteScope =
  | { forumId: string }
  | { joinCode: string }
  | { measureId: string }
  | { paragraphId: string }
  | { alternativeId: string }
  | { amendmentId: string }
  | { commentId: string };

function forumIdOf(scope: WriteScope): SQL {
  if ("forumId" in scope) return sql`${scope.forumId}::uuid`;
  if ("joinCode" in scope) return sql`(select ${forums.id} from ${forums} where ${forums.joinCode} = ${scope.joinCode})`;
  if ("measureId" in scope) return sql`(select ${measures.forumId} from ${measures} where ${measures.id} = ${scope.measureId})`;
  const [table, id] =
    "paragraphId" in scope
      ? [paragraphs, scope.paragraphId]
      : "alternativeId" in scope
        ? [alternatives, scope.alternativeId]
        : "amendmentId" in scope
          ? [amendments, scope.amendmentId]
          : [comments, scope.commentId];
  return sql`(select ${measures.forumId} from ${measures} join ${table} on ${table.measureId} = ${measures.id} where ${table.id} = ${id})`;
}

/**
 * Locks the row of the forum the write is about until the transaction ends (FOR NO KEY UPDATE:
 * the lock the sequence bump takes anyway, which lets rows that reference the forum be inserted).
 * An id that names nothing locks nothing; the write's own reads then say "not found".
 */
export async function lockForumOf(tx: Tx, scope: WriteScope) {
  await tx.execute(sql`select ${forums.id} from ${forums} where ${forums.id} = ${forumIdOf(scope)} for no key update`);
}
