import "server-only";
// Alternatives: a delegation proposes new wording for a paragraph, a new paragraph or a
// deletion, delegations back the wording they want (one per paragraph), and the chair (a draft's
// authors) settles the paragraph by choosing one.
import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { alternatives, backings, members, paragraphs, type Paragraph } from "@/db/schema";
import { conflict, DomainError, forbidden, notFound } from "@/lib/core/errors";
import type { chooseAlternativeInput, proposeAlternativeInput } from "@/lib/core/validation";
import { transact } from "@/lib/live/transact";
import {
  activeParagraphs,
  loadForWrite,
  paragraphNumber,
  record,
  requireEditable,
  requireSettler,
  saveRevision,
  setAsideRivals,
  textChanged,
  writeParagraph,
} from "./store";

/** The open rivals of an alternative: other wordings for (or the deletion of) the same paragraph. */
function rivalsOf(tx: Tx, paragraphId: string, alternativeId: string) {
  return tx
    .select({ id: alternatives.id })
    .from(alternatives)
    .where(
      and(
        eq(alternatives.paragraphId, paragraphId),
        eq(alternatives.status, "open"),
        ne(alternatives.kind, "insert"),
        ne(alternatives.id, alternativeId),
      ),
    );
}

/** Any delegate proposes new wording for a paragraph, a new paragraph, or a deletion. */
export async function proposeAlternative(userId: string, measureId: string, data: z.output<typeof proposeAlternativeInput>) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await loadForWrite(tx, measureId, userId);
    if (member.role === "observer") throw forbidden("Observers do not propose wording.");
    requireEditable(measure);
    let anchor: Paragraph | null = null;
    if (data.paragraphId) {
      const [p] = await tx
        .select()
        .from(paragraphs)
        .where(and(eq(paragraphs.id, data.paragraphId), eq(paragraphs.measureId, measureId), isNull(paragraphs.deletedAt)));
      if (!p) throw notFound("Paragraph");
      anchor = p;
    }
    const [alt] = await tx
      .insert(alternatives)
      .values({
        measureId,
        paragraphId: anchor?.id ?? null,
        kind: data.kind,
        text: data.kind === "delete" ? "" : data.text,
        rationale: data.rationale,
        proposedBy: member.id,
      })
      .returning();
    if (anchor && data.kind !== "insert") {
      // The text under negotiation now stands in brackets until the chair settles it.
      await tx.update(paragraphs).set({ status: "bracketed" }).where(eq(paragraphs.id, anchor.id));
      // Proposing is backing (and, as with any backing, withdraws the proposer's backing of rivals).
      await tx.delete(backings).where(and(eq(backings.memberId, member.id), inArray(backings.alternativeId, rivalsOf(tx, anchor.id, alt!.id))));
    }
    await tx.insert(backings).values({ alternativeId: alt!.id, memberId: member.id, camp: member.camp, stakeholderGroup: member.stakeholderGroup });
    const n = anchor ? await paragraphNumber(tx, anchor) : 0;
    await record(tx, measure, member, "text.alternative_proposed", null, { kind: data.kind, paragraph: n, text: alt!.text, rationale: data.rationale });
    announce(await textChanged(tx, measure));
    return { id: alt!.id };
  });
}

async function requireAlternative(tx: Tx, alternativeId: string, userId: string) {
  const [alt] = await tx.select().from(alternatives).where(eq(alternatives.id, alternativeId));
  if (!alt) throw notFound("Alternative");
  const ctx = await loadForWrite(tx, alt.measureId, userId).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === "not_found" ? notFound("Alternative") : e;
  });
  if (alt.status !== "open") throw conflict("This alternative has already been settled.");
  return { alt, ...ctx };
}

/** A delegation backs an alternative, or withdraws its backing. */
export async function setBacking(userId: string, alternativeId: string, back: boolean) {
  await transact({ alternativeId }, async (tx, announce) => {
    const { alt, measure, member } = await requireAlternative(tx, alternativeId, userId);
    if (member.role === "observer") throw forbidden("Observers do not back alternatives.");
    requireEditable(measure);
    if (back) {
      // A delegation backs one wording per paragraph: backing this one withdraws it from rivals.
      if (alt.kind !== "insert" && alt.paragraphId) {
        await tx.delete(backings).where(and(eq(backings.memberId, member.id), inArray(backings.alternativeId, rivalsOf(tx, alt.paragraphId, alt.id))));
      }
      const [added] = await tx
        .insert(backings)
        .values({ alternativeId: alt.id, memberId: member.id, camp: member.camp, stakeholderGroup: member.stakeholderGroup })
        .onConflictDoNothing()
        .returning();
      if (!added) return;
    } else {
      const removed = await tx
        .delete(backings)
        .where(and(eq(backings.alternativeId, alt.id), eq(backings.memberId, member.id)))
        .returning();
      if (removed.length === 0) return;
    }
    await record(tx, measure, member, back ? "text.alternative_backed" : "text.alternative_unbacked", null, { alternativeId: alt.id, camp: member.camp });
    announce(await textChanged(tx, measure));
  });
}

/** The chair (or a draft's authors) settles by choosing an alternative. */
export async function chooseAlternative(userId: string, alternativeId: string, data: z.output<typeof chooseAlternativeInput>) {
  await transact({ alternativeId }, async (tx, announce) => {
    const { alt, measure, member } = await requireAlternative(tx, alternativeId, userId);
    await requireSettler(tx, measure, member);
    requireEditable(measure);
    const [proposer] = await tx.select({ delegation: members.delegation }).from(members).where(eq(members.id, alt.proposedBy));
    let summary: string;
    if (alt.kind === "insert") {
      const [anchor] = alt.paragraphId ? await tx.select().from(paragraphs).where(eq(paragraphs.id, alt.paragraphId)) : [];
      const after = anchor?.ordinal ?? 0;
      await tx
        .update(paragraphs)
        .set({ ordinal: sql`${paragraphs.ordinal} + 1` })
        .where(and(eq(paragraphs.measureId, measure.id), gt(paragraphs.ordinal, after)));
      const [created] = await tx.insert(paragraphs).values({ measureId: measure.id, ordinal: after + 1, text: alt.text }).returning();
      summary = `New ¶${await paragraphNumber(tx, created!)} proposed by ${proposer?.delegation} agreed`;
    } else {
      const [p] = await tx.select().from(paragraphs).where(eq(paragraphs.id, alt.paragraphId!));
      if (!p || p.deletedAt) throw conflict("The paragraph of this alternative no longer stands.");
      const n = await paragraphNumber(tx, p);
      const version = data.version ?? p.version;
      if (alt.kind === "delete") {
        const standing = await activeParagraphs(tx, measure.id);
        if (standing.length === 1) throw conflict("A measure keeps at least one paragraph: this one cannot be deleted.");
        await writeParagraph(tx, p, version, { deletedAt: new Date(), status: "agreed" });
        // New paragraphs proposed to follow the deleted one now follow the one before it.
        const previous = standing[standing.findIndex((x) => x.id === p.id) - 1] ?? null;
        await tx
          .update(alternatives)
          .set({ paragraphId: previous?.id ?? null })
          .where(and(eq(alternatives.paragraphId, p.id), eq(alternatives.kind, "insert"), eq(alternatives.status, "open")));
        summary = `¶${n} deleted, as proposed by ${proposer?.delegation}`;
      } else {
        await writeParagraph(tx, p, version, { text: alt.text, status: "agreed" });
        summary = `¶${n}: wording proposed by ${proposer?.delegation} agreed`;
      }
      await setAsideRivals(tx, p.id, alt.id);
    }
    await tx.update(alternatives).set({ status: "chosen" }).where(eq(alternatives.id, alt.id));
    const revision = await saveRevision(tx, measure, member, summary);
    await record(tx, measure, member, "text.alternative_chosen", null, { alternativeId: alt.id, summary, revision });
    announce(await textChanged(tx, measure));
  });
}
