import "server-only";
// Who may see and move a measure: outsiders and, while it is a draft, everyone but its authors
// are told it does not exist; its authors and the chair hold the pens lib/core/lifecycle.ts names.
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { measureAuthors, measures, type Measure, type Member } from "@/db/schema";
import { notFound } from "@/lib/core/errors";
import type { Mover } from "@/lib/core/lifecycle";
import { requireMember } from "./member";

export async function isAuthor(db: Db | Tx, measureId: string, memberId: string) {
  const [row] = await db
    .select({ m: measureAuthors.memberId })
    .from(measureAuthors)
    .where(and(eq(measureAuthors.measureId, measureId), eq(measureAuthors.memberId, memberId)));
  return Boolean(row);
}

/** The roles the member holds for this measure, for lib/core/lifecycle.ts. */
export async function moversFor(db: Db | Tx, measure: Measure, member: Member): Promise<Mover[]> {
  const movers: Mover[] = [];
  // A co-author made observer keeps the credit but not the pen.
  if (member.role !== "observer" && (await isAuthor(db, measure.id, member.id))) movers.push("author");
  if (member.role === "chair") movers.push("chair");
  return movers;
}

/**
 * Loads a measure and the acting user's membership of its forum. Outsiders get "not found", and
 * so does anyone but its authors while it is a draft.
 */
export async function requireMeasure(db: Db | Tx, measureId: string, userId: string): Promise<{ measure: Measure; member: Member }> {
  const [measure] = await db.select().from(measures).where(eq(measures.id, measureId));
  if (!measure) throw notFound("Measure");
  const member = await requireMember(db, measure.forumId, userId).catch(() => {
    throw notFound("Measure");
  });
  if (measure.status === "draft" && !(await isAuthor(db, measure.id, member.id))) throw notFound("Measure");
  return { measure, member };
}
