import "server-only";
// A measure's text paragraph by paragraph: its first split into paragraphs, an author's edit of
// one, and the chair (a draft's authors) agreeing one as it stands or in compromise wording.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { paragraphs, revisions, type Measure, type Member } from "@/db/schema";
import { moversFor } from "@/lib/access/measure";
import { DomainError, forbidden, notFound } from "@/lib/core/errors";
import { joinParagraphs, splitParagraphs } from "@/lib/core/text-model";
import type { editParagraphInput, settleParagraphInput } from "@/lib/core/validation";
import { transact } from "@/lib/live/transact";
import {
  loadForWrite,
  paragraphNumber,
  record,
  requireEditable,
  requireSettler,
  saveRevision,
  setAsideRivals,
  staleParagraph,
  textChanged,
  writeParagraph,
} from "./store";

/** Splits a new measure's text into paragraphs and records it as revision 1. */
export async function initText(tx: Tx, measure: Measure, author: Member) {
  const parts = splitParagraphs(measure.text);
  if (parts.length > 0) {
    await tx.insert(paragraphs).values(parts.map((text, i) => ({ measureId: measure.id, ordinal: i + 1, text })));
  }
  await tx.insert(revisions).values({ measureId: measure.id, number: 1, text: joinParagraphs(parts), summary: "Original text", authorMemberId: author.id });
}

async function requireParagraph(tx: Tx, paragraphId: string, userId: string) {
  const [p] = await tx.select().from(paragraphs).where(eq(paragraphs.id, paragraphId));
  if (!p || p.deletedAt) throw notFound("Paragraph");
  const ctx = await loadForWrite(tx, p.measureId, userId).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === "not_found" ? notFound("Paragraph") : e;
  });
  return { paragraph: p, ...ctx };
}

/** An author edits one paragraph's wording. */
export async function editParagraph(userId: string, paragraphId: string, data: z.output<typeof editParagraphInput>) {
  await transact({ paragraphId }, async (tx, announce) => {
    const { paragraph, measure, member } = await requireParagraph(tx, paragraphId, userId);
    if (!(await moversFor(tx, measure, member)).includes("author")) throw forbidden("Only the measure's authors can edit its text.");
    requireEditable(measure);
    if (paragraph.version !== data.version) throw staleParagraph(paragraph);
    if (paragraph.text === data.text) return;
    await writeParagraph(tx, paragraph, data.version, { text: data.text });
    const n = await paragraphNumber(tx, paragraph);
    const revision = await saveRevision(tx, measure, member, `¶${n} edited by ${member.delegation}`);
    await record(tx, measure, member, "text.paragraph_edited", { paragraph: n, text: paragraph.text }, { text: data.text, revision });
    announce(await textChanged(tx, measure));
  });
}

/** The chair (or a draft's authors) agrees a paragraph as it stands or in compromise wording. */
export async function settleParagraph(userId: string, paragraphId: string, data: z.output<typeof settleParagraphInput>) {
  await transact({ paragraphId }, async (tx, announce) => {
    const { paragraph, measure, member } = await requireParagraph(tx, paragraphId, userId);
    await requireSettler(tx, measure, member);
    requireEditable(measure);
    const text = data.text ?? paragraph.text;
    if (paragraph.version !== data.version) throw staleParagraph(paragraph);
    // Agreeing what is already agreed, in the same words, changes nothing.
    if (paragraph.status === "agreed" && text === paragraph.text) return;
    await writeParagraph(tx, paragraph, data.version, { text, status: "agreed" });
    await setAsideRivals(tx, paragraph.id, null);
    const n = await paragraphNumber(tx, paragraph);
    const summary = text === paragraph.text ? `¶${n} agreed as it stands` : `¶${n} agreed in compromise wording`;
    const revision = await saveRevision(tx, measure, member, summary);
    await record(tx, measure, member, "text.paragraph_settled", { text: paragraph.text }, { text, revision });
    announce(await textChanged(tx, measure));
  });
}
