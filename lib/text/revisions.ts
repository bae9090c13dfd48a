import "server-only";
// Revisions of a measure's text: the chair issues the text as it stands as Rev.1, Rev.2, …; an
// author rewrites the whole text on the latest revision; anyone reads a revision or the
// word-level redline between two.
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { revisions } from "@/db/schema";
import { moversFor, requireMeasure } from "@/lib/access/measure";
import { conflict, DomainError, forbidden, notFound } from "@/lib/core/errors";
import { renderMarkdown } from "@/lib/core/markdown";
import { joinParagraphs, redline, splitParagraphs } from "@/lib/core/text-model";
import type { rewriteTextInput } from "@/lib/core/validation";
import { transact } from "@/lib/live/transact";
import { latestRevision, loadForWrite, record, replaceText, requireEditable, textChanged } from "./store";

/** The chair issues the text as it stands as the next numbered revision (Rev.1, Rev.2, …). */
export async function issueRevision(userId: string, measureId: string) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await loadForWrite(tx, measureId, userId);
    if (!(await moversFor(tx, measure, member)).includes("chair")) throw forbidden("Only the chair issues revisions.");
    const latest = await latestRevision(tx, measureId);
    if (!latest) throw notFound("Revision");
    if (latest.issuedAs) throw conflict(`The text has not changed since Rev.${latest.issuedAs}.`);
    const [top] = await tx
      .select({ n: sql<number>`coalesce(max(${revisions.issuedAs}), 0)::int` })
      .from(revisions)
      .where(eq(revisions.measureId, measureId));
    const issued = (top?.n ?? 0) + 1;
    await tx.update(revisions).set({ issuedAs: issued }).where(eq(revisions.id, latest.id));
    await record(tx, measure, member, "text.revision_issued", null, { issuedAs: `Rev.${issued}`, revision: latest.number });
    announce(await textChanged(tx, measure));
    return { issuedAs: issued };
  });
}

/** An author rewrites the whole text, based on the latest revision. */
export async function rewriteText(userId: string, measureId: string, data: z.output<typeof rewriteTextInput>) {
  await transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await loadForWrite(tx, measureId, userId);
    if (!(await moversFor(tx, measure, member)).includes("author")) throw forbidden("Only the measure's authors can edit its text.");
    requireEditable(measure);
    const latest = await latestRevision(tx, measureId);
    if (latest && latest.number !== data.baseRevision) {
      throw new DomainError("conflict", `The text changed while you were editing it (now revision ${latest.number}). Its current text is shown: make your change on it.`, {
        current: { revision: latest.number, text: latest.text },
      });
    }
    if (latest && joinParagraphs(splitParagraphs(data.text)) === latest.text) return;
    const revision = await replaceText(tx, measure, member, data.text, data.summary);
    await record(tx, measure, member, "text.rewritten", { revision: data.baseRevision }, { revision, summary: data.summary });
    announce(await textChanged(tx, measure));
  });
}

/** One revision's text, for a member who can see the measure. */
export async function getRevision(userId: string, measureId: string, number: number) {
  const db = getDb();
  await requireMeasure(db, measureId, userId);
  const [r] = await db.select().from(revisions).where(and(eq(revisions.measureId, measureId), eq(revisions.number, number)));
  if (!r) throw notFound(`Revision ${number}`);
  return { number: r.number, issuedAs: r.issuedAs, summary: r.summary, text: r.text, html: renderMarkdown(r.text), createdAt: r.createdAt.toISOString() };
}

/** The word-level redline from one revision to another. */
export async function getRedline(userId: string, measureId: string, from: number, to: number) {
  const [a, b] = await Promise.all([getRevision(userId, measureId, from), getRevision(userId, measureId, to)]);
  return { from: { number: a.number, issuedAs: a.issuedAs }, to: { number: b.number, issuedAs: b.issuedAs }, segments: redline(a.text, b.text) };
}
