import "server-only";
// What every change of a measure's text shares: who may change it and when, the paragraphs as
// they stand, saving a paragraph only at the version it was read, recording the text as the next
// revision (measures.text kept in step), and the event and audit entry of a change.
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { alternatives, measures, paragraphs, revisions, type Measure, type Member, type Paragraph } from "@/db/schema";
import { requireOpenForum } from "@/lib/access/forum";
import { moversFor, requireMeasure } from "@/lib/access/measure";
import { audit, type AuditAction } from "@/lib/audit/log";
import { conflict, DomainError, forbidden } from "@/lib/core/errors";
import type { ForumEvent } from "@/lib/core/events";
import { joinParagraphs, splitParagraphs } from "@/lib/core/text-model";
import { bumpSeq } from "@/lib/live/sequence";

const editable = (m: Measure) => m.status === "draft" || m.status === "under_discussion";

export function requireEditable(measure: Measure) {
  if (!editable(measure)) {
    throw conflict("The text can change only while the measure is a draft or under discussion.");
  }
}

/** The chair settles text; while a measure is a draft, its authors do. */
export async function requireSettler(tx: Tx, measure: Measure, member: Member) {
  const movers = await moversFor(tx, measure, member);
  const ok = measure.status === "draft" ? movers.includes("author") : movers.includes("chair");
  if (!ok) throw forbidden(measure.status === "draft" ? "Only the draft's authors can settle its text." : "Only the chair can settle the text.");
}

/** The measure and the acting member, for a write: the forum must be open. */
export async function loadForWrite(tx: Tx, measureId: string, userId: string) {
  const { measure, member } = await requireMeasure(tx, measureId, userId);
  await requireOpenForum(tx, measure.forumId);
  return { measure, member };
}

export async function activeParagraphs(db: Db | Tx, measureId: string) {
  return db
    .select()
    .from(paragraphs)
    .where(and(eq(paragraphs.measureId, measureId), isNull(paragraphs.deletedAt)))
    .orderBy(asc(paragraphs.ordinal));
}

export async function latestRevision(db: Db | Tx, measureId: string) {
  const [r] = await db.select().from(revisions).where(eq(revisions.measureId, measureId)).orderBy(desc(revisions.number)).limit(1);
  return r ?? null;
}

/** ¶ number as people read it: the position among the paragraphs that still stand. */
export async function paragraphNumber(tx: Tx, p: Paragraph) {
  const list = await activeParagraphs(tx, p.measureId);
  const i = list.findIndex((x) => x.id === p.id);
  return i >= 0 ? i + 1 : list.filter((x) => x.ordinal < p.ordinal).length + 1;
}

/** Records the text as it now stands as the next revision and keeps measures.text in step. */
export async function saveRevision(tx: Tx, measure: Measure, actor: Member | null, summary: string) {
  const text = joinParagraphs((await activeParagraphs(tx, measure.id)).map((p) => p.text));
  await tx.update(measures).set({ text }).where(eq(measures.id, measure.id));
  const number = ((await latestRevision(tx, measure.id))?.number ?? 0) + 1;
  await tx.insert(revisions).values({ measureId: measure.id, number, text, summary, authorMemberId: actor?.id ?? null });
  return number;
}

export function staleParagraph(current: Paragraph) {
  return new DomainError(
    "conflict",
    "Someone changed this paragraph while you were working on it. Its current text is shown: make your change on it.",
    { current: { id: current.id, text: current.text, version: current.version, status: current.status } },
  );
}

/** Writes a paragraph only if it is still at `version`; refuses a save based on an older one. */
export async function writeParagraph(tx: Tx, p: Paragraph, version: number, set: Partial<Pick<Paragraph, "text" | "status" | "deletedAt">>) {
  const [written] = await tx
    .update(paragraphs)
    .set({ ...set, version: sql`${paragraphs.version} + 1` })
    .where(and(eq(paragraphs.id, p.id), eq(paragraphs.version, version)))
    .returning();
  if (!written) {
    const [current] = await tx.select().from(paragraphs).where(eq(paragraphs.id, p.id));
    throw staleParagraph(current!);
  }
  return written;
}

/** Sets aside every other open alternative on the paragraph once it is settled. */
export async function setAsideRivals(tx: Tx, paragraphId: string, except: string | null) {
  await tx
    .update(alternatives)
    .set({ status: "set_aside" })
    .where(
      and(
        eq(alternatives.paragraphId, paragraphId),
        eq(alternatives.status, "open"),
        ne(alternatives.kind, "insert"),
        except ? ne(alternatives.id, except) : undefined,
      ),
    );
}

/** Replaces the whole text (an author's rewrite or an accepted amendment) as one revision. */
export async function replaceText(tx: Tx, measure: Measure, member: Member, text: string, summary: string) {
  await tx
    .update(paragraphs)
    .set({ deletedAt: new Date(), version: sql`${paragraphs.version} + 1` })
    .where(and(eq(paragraphs.measureId, measure.id), isNull(paragraphs.deletedAt)));
  await tx
    .update(alternatives)
    .set({ status: "set_aside" })
    .where(and(eq(alternatives.measureId, measure.id), eq(alternatives.status, "open")));
  const [top] = await tx.select({ n: sql<number>`coalesce(max(${paragraphs.ordinal}), 0)::int` }).from(paragraphs).where(eq(paragraphs.measureId, measure.id));
  const parts = splitParagraphs(text);
  if (parts.length > 0) {
    await tx.insert(paragraphs).values(parts.map((t, i) => ({ measureId: measure.id, ordinal: (top?.n ?? 0) + i + 1, text: t })));
  }
  return saveRevision(tx, measure, member, summary);
}

/** The event of a text change; none for a draft, which stays private to its authors. */
export async function textChanged(tx: Tx, measure: Measure): Promise<ForumEvent | null> {
  if (measure.status === "draft") return null;
  const seq = await bumpSeq(tx, measure.forumId);
  return { type: "text:changed", forumId: measure.forumId, seq, measureId: measure.id };
}

export async function record(tx: Tx, measure: Measure, member: Member, action: AuditAction, before?: unknown, after?: unknown) {
  await audit(tx, { forumId: measure.forumId, actor: member, action, measureId: measure.id, before, after });
}
