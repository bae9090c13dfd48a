import "server-only";
// Negotiating a measure's text the UN way: paragraph by paragraph. Delegations propose
// alternative wording (or a new paragraph, or a deletion) and back each other's alternatives;
// the chair settles a paragraph by choosing one or agreeing a compromise; every change of the
// text is a revision, and the chair issues numbered ones (Rev.1, Rev.2, …) for comparison.
import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import {
  alternatives,
  amendments,
  backings,
  measures,
  members,
  paragraphs,
  revisions,
  type Alternative,
  type Measure,
  type Member,
  type Paragraph,
} from "@/db/schema";
import { audit, type AuditAction } from "./audit";
import { bridgingScore } from "./bridging";
import { conflict, DomainError, forbidden, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { requireOpenForum } from "./forum-state";
import { renderMarkdown } from "./markdown";
import { moversFor, requireMeasure } from "./measures";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { tallyFrom, type Tally } from "./tallies";
import { joinParagraphs, redline, splitParagraphs } from "./text-model";
import {
  chooseAlternativeInput,
  editParagraphInput,
  proposeAlternativeInput,
  proposeAmendmentInput,
  rejectAmendmentInput,
  rewriteTextInput,
  settleParagraphInput,
  uuidParam,
} from "./validation";

const editable = (m: Measure) => m.status === "draft" || m.status === "under_discussion";

function requireEditable(measure: Measure) {
  if (!editable(measure)) {
    throw conflict("The text can change only while the measure is a draft or under discussion.");
  }
}

/** The chair settles text; while a measure is a draft, its authors do. */
async function requireSettler(tx: Tx, measure: Measure, member: Member) {
  const movers = await moversFor(tx, measure, member);
  const ok = measure.status === "draft" ? movers.includes("author") : movers.includes("chair");
  if (!ok) throw forbidden(measure.status === "draft" ? "Only the draft's authors can settle its text." : "Only the chair can settle the text.");
}

async function load(tx: Tx, measureId: string, userId: string) {
  const { measure, member } = await requireMeasure(tx, measureId, userId);
  await requireOpenForum(tx, measure.forumId);
  return { measure, member };
}

async function activeParagraphs(db: Db | Tx, measureId: string) {
  return db
    .select()
    .from(paragraphs)
    .where(and(eq(paragraphs.measureId, measureId), isNull(paragraphs.deletedAt)))
    .orderBy(asc(paragraphs.ordinal));
}

async function latestRevision(db: Db | Tx, measureId: string) {
  const [r] = await db.select().from(revisions).where(eq(revisions.measureId, measureId)).orderBy(desc(revisions.number)).limit(1);
  return r ?? null;
}

/** ¶ number as people read it: the position among the paragraphs that still stand. */
async function paragraphNumber(tx: Tx, p: Paragraph) {
  const list = await activeParagraphs(tx, p.measureId);
  const i = list.findIndex((x) => x.id === p.id);
  return i >= 0 ? i + 1 : list.filter((x) => x.ordinal < p.ordinal).length + 1;
}

/** Records the text as it now stands as the next revision and keeps measures.text in step. */
async function saveRevision(tx: Tx, measure: Measure, actor: Member | null, summary: string) {
  const text = joinParagraphs((await activeParagraphs(tx, measure.id)).map((p) => p.text));
  await tx.update(measures).set({ text }).where(eq(measures.id, measure.id));
  const number = ((await latestRevision(tx, measure.id))?.number ?? 0) + 1;
  await tx.insert(revisions).values({ measureId: measure.id, number, text, summary, authorMemberId: actor?.id ?? null });
  return number;
}

/** The event of a text change; none for a draft, which stays private to its authors. */
async function changed(tx: Tx, measure: Measure): Promise<ForumEvent | null> {
  if (measure.status === "draft") return null;
  const seq = await bumpSeq(tx, measure.forumId);
  return { type: "text:changed", forumId: measure.forumId, seq, measureId: measure.id };
}

function publishText(event: ForumEvent | null) {
  if (event) publish(event);
}

async function record(tx: Tx, measure: Measure, member: Member, action: AuditAction, before?: unknown, after?: unknown) {
  await audit(tx, { forumId: measure.forumId, actor: member, action, measureId: measure.id, before, after });
}

/** Splits a new measure's text into paragraphs and records it as revision 1. */
export async function initText(tx: Tx, measure: Measure, author: Member) {
  const parts = splitParagraphs(measure.text);
  if (parts.length > 0) {
    await tx.insert(paragraphs).values(parts.map((text, i) => ({ measureId: measure.id, ordinal: i + 1, text })));
  }
  await tx.insert(revisions).values({ measureId: measure.id, number: 1, text: joinParagraphs(parts), summary: "Original text", authorMemberId: author.id });
}

async function requireParagraph(tx: Tx, paragraphId: string, userId: string) {
  if (!uuidParam.safeParse(paragraphId).success) throw notFound("Paragraph");
  const [p] = await tx.select().from(paragraphs).where(eq(paragraphs.id, paragraphId));
  if (!p || p.deletedAt) throw notFound("Paragraph");
  const ctx = await load(tx, p.measureId, userId).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === "not_found" ? notFound("Paragraph") : e;
  });
  return { paragraph: p, ...ctx };
}

function staleParagraph(current: Paragraph) {
  return new DomainError(
    "conflict",
    "Someone changed this paragraph while you were working on it. Its current text is shown: make your change on it.",
    { current: { id: current.id, text: current.text, version: current.version, status: current.status } },
  );
}

/** Writes a paragraph only if it is still at `version`; refuses a save based on an older one. */
async function writeParagraph(tx: Tx, p: Paragraph, version: number, set: Partial<Pick<Paragraph, "text" | "status" | "deletedAt">>) {
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

/** An author edits one paragraph's wording. */
export async function editParagraph(userId: string, paragraphId: string, input: z.input<typeof editParagraphInput>) {
  const data = editParagraphInput.parse(input);
  const { event } = await getDb().transaction(async (tx) => {
    const { paragraph, measure, member } = await requireParagraph(tx, paragraphId, userId);
    if (!(await moversFor(tx, measure, member)).includes("author")) throw forbidden("Only the measure's authors can edit its text.");
    requireEditable(measure);
    if (paragraph.version !== data.version) throw staleParagraph(paragraph);
    if (paragraph.text === data.text) return { event: null };
    await writeParagraph(tx, paragraph, data.version, { text: data.text });
    const n = await paragraphNumber(tx, paragraph);
    const revision = await saveRevision(tx, measure, member, `¶${n} edited by ${member.delegation}`);
    await record(tx, measure, member, "text.paragraph_edited", { paragraph: n, text: paragraph.text }, { text: data.text, revision });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

/** Any delegate proposes new wording for a paragraph, a new paragraph, or a deletion. */
export async function proposeAlternative(userId: string, measureId: string, input: z.input<typeof proposeAlternativeInput>) {
  const data = proposeAlternativeInput.parse(input);
  const { event, id } = await getDb().transaction(async (tx) => {
    const { measure, member } = await load(tx, measureId, userId);
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
    // The text under negotiation now stands in brackets until the chair settles it.
    if (anchor && data.kind !== "insert") {
      await tx.update(paragraphs).set({ status: "bracketed" }).where(eq(paragraphs.id, anchor.id));
    }
    // Proposing is backing (and, as with any backing, withdraws the proposer's backing of rivals).
    if (anchor && data.kind !== "insert") {
      const rivals = tx
        .select({ id: alternatives.id })
        .from(alternatives)
        .where(and(eq(alternatives.paragraphId, anchor.id), eq(alternatives.status, "open"), ne(alternatives.kind, "insert"), ne(alternatives.id, alt!.id)));
      await tx.delete(backings).where(and(eq(backings.memberId, member.id), inArray(backings.alternativeId, rivals)));
    }
    await tx.insert(backings).values({ alternativeId: alt!.id, memberId: member.id, camp: member.camp, stakeholderGroup: member.stakeholderGroup });
    const n = anchor ? await paragraphNumber(tx, anchor) : 0;
    await record(tx, measure, member, "text.alternative_proposed", null, { kind: data.kind, paragraph: n, text: alt!.text, rationale: data.rationale });
    return { event: await changed(tx, measure), id: alt!.id };
  });
  publishText(event);
  return { id };
}

async function requireAlternative(tx: Tx, alternativeId: string, userId: string) {
  if (!uuidParam.safeParse(alternativeId).success) throw notFound("Alternative");
  const [alt] = await tx.select().from(alternatives).where(eq(alternatives.id, alternativeId));
  if (!alt) throw notFound("Alternative");
  const ctx = await load(tx, alt.measureId, userId).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === "not_found" ? notFound("Alternative") : e;
  });
  if (alt.status !== "open") throw conflict("This alternative has already been settled.");
  return { alt, ...ctx };
}

/** A delegation backs an alternative, or withdraws its backing. */
export async function setBacking(userId: string, alternativeId: string, back: boolean) {
  const { event } = await getDb().transaction(async (tx) => {
    const { alt, measure, member } = await requireAlternative(tx, alternativeId, userId);
    if (member.role === "observer") throw forbidden("Observers do not back alternatives.");
    requireEditable(measure);
    if (back) {
      // A delegation backs one wording per paragraph: backing this one withdraws it from rivals.
      if (alt.kind !== "insert" && alt.paragraphId) {
        const rivals = tx
          .select({ id: alternatives.id })
          .from(alternatives)
          .where(
            and(
              eq(alternatives.paragraphId, alt.paragraphId),
              eq(alternatives.status, "open"),
              ne(alternatives.kind, "insert"),
              ne(alternatives.id, alt.id),
            ),
          );
        await tx.delete(backings).where(and(eq(backings.memberId, member.id), inArray(backings.alternativeId, rivals)));
      }
      const [added] = await tx
        .insert(backings)
        .values({ alternativeId: alt.id, memberId: member.id, camp: member.camp, stakeholderGroup: member.stakeholderGroup })
        .onConflictDoNothing()
        .returning();
      if (!added) return { event: null };
    } else {
      const removed = await tx
        .delete(backings)
        .where(and(eq(backings.alternativeId, alt.id), eq(backings.memberId, member.id)))
        .returning();
      if (removed.length === 0) return { event: null };
    }
    await record(tx, measure, member, back ? "text.alternative_backed" : "text.alternative_unbacked", null, { alternativeId: alt.id, camp: member.camp });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

/** Sets aside every other open alternative on the paragraph once it is settled. */
async function setAsideRivals(tx: Tx, paragraphId: string, except: string | null) {
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

/** The chair (or a draft's authors) settles by choosing an alternative. */
export async function chooseAlternative(userId: string, alternativeId: string, input: z.input<typeof chooseAlternativeInput> = {}) {
  const data = chooseAlternativeInput.parse(input);
  const { event } = await getDb().transaction(async (tx) => {
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
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

/** The chair (or a draft's authors) agrees a paragraph as it stands or in compromise wording. */
export async function settleParagraph(userId: string, paragraphId: string, input: z.input<typeof settleParagraphInput>) {
  const data = settleParagraphInput.parse(input);
  const { event } = await getDb().transaction(async (tx) => {
    const { paragraph, measure, member } = await requireParagraph(tx, paragraphId, userId);
    await requireSettler(tx, measure, member);
    requireEditable(measure);
    const text = data.text ?? paragraph.text;
    if (paragraph.version !== data.version) throw staleParagraph(paragraph);
    // Agreeing what is already agreed, in the same words, changes nothing.
    if (paragraph.status === "agreed" && text === paragraph.text) return { event: null };
    await writeParagraph(tx, paragraph, data.version, { text, status: "agreed" });
    await setAsideRivals(tx, paragraph.id, null);
    const n = await paragraphNumber(tx, paragraph);
    const summary = text === paragraph.text ? `¶${n} agreed as it stands` : `¶${n} agreed in compromise wording`;
    const revision = await saveRevision(tx, measure, member, summary);
    await record(tx, measure, member, "text.paragraph_settled", { text: paragraph.text }, { text, revision });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

/** The chair issues the text as it stands as the next numbered revision (Rev.1, Rev.2, …). */
export async function issueRevision(userId: string, measureId: string) {
  const { event, issued } = await getDb().transaction(async (tx) => {
    const { measure, member } = await load(tx, measureId, userId);
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
    return { event: await changed(tx, measure), issued };
  });
  publishText(event);
  return { issuedAs: issued };
}

/** Replaces the whole text (an author's rewrite or an accepted amendment) as one revision. */
async function replaceText(tx: Tx, measure: Measure, member: Member, text: string, summary: string) {
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

/** An author rewrites the whole text, based on the latest revision. */
export async function rewriteText(userId: string, measureId: string, input: z.input<typeof rewriteTextInput>) {
  const data = rewriteTextInput.parse(input);
  const { event } = await getDb().transaction(async (tx) => {
    const { measure, member } = await load(tx, measureId, userId);
    if (!(await moversFor(tx, measure, member)).includes("author")) throw forbidden("Only the measure's authors can edit its text.");
    requireEditable(measure);
    const latest = await latestRevision(tx, measureId);
    if (latest && latest.number !== data.baseRevision) {
      throw new DomainError("conflict", `The text changed while you were editing it (now revision ${latest.number}). Its current text is shown: make your change on it.`, {
        current: { revision: latest.number, text: latest.text },
      });
    }
    if (latest && joinParagraphs(splitParagraphs(data.text)) === latest.text) return { event: null };
    const revision = await replaceText(tx, measure, member, data.text, data.summary);
    await record(tx, measure, member, "text.rewritten", { revision: data.baseRevision }, { revision, summary: data.summary });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

/** Any delegate proposes to replace the whole text. */
export async function proposeAmendment(userId: string, measureId: string, input: z.input<typeof proposeAmendmentInput>) {
  const data = proposeAmendmentInput.parse(input);
  const { event, id } = await getDb().transaction(async (tx) => {
    const { measure, member } = await load(tx, measureId, userId);
    if (member.role === "observer") throw forbidden("Observers do not propose amendments.");
    requireEditable(measure);
    const [a] = await tx.insert(amendments).values({ measureId, text: data.text, rationale: data.rationale, proposedBy: member.id }).returning();
    await record(tx, measure, member, "amendment.proposed", null, { amendmentId: a!.id, rationale: data.rationale });
    return { event: await changed(tx, measure), id: a!.id };
  });
  publishText(event);
  return { id };
}

async function requireOpenAmendment(tx: Tx, amendmentId: string, userId: string) {
  if (!uuidParam.safeParse(amendmentId).success) throw notFound("Amendment");
  const [a] = await tx.select().from(amendments).where(eq(amendments.id, amendmentId));
  if (!a) throw notFound("Amendment");
  const ctx = await load(tx, a.measureId, userId);
  const movers = await moversFor(tx, ctx.measure, ctx.member);
  if (!movers.includes("author") && !movers.includes("chair")) throw forbidden("Only the measure's authors or the chair decide on amendments.");
  if (a.status !== "open") throw conflict("This amendment has already been decided.");
  return { amendment: a, ...ctx };
}

/** The authors or the chair accept an amendment: its text becomes the next revision. */
export async function acceptAmendment(userId: string, amendmentId: string) {
  const { event } = await getDb().transaction(async (tx) => {
    const { amendment, measure, member } = await requireOpenAmendment(tx, amendmentId, userId);
    requireEditable(measure);
    const [proposer] = await tx.select({ delegation: members.delegation }).from(members).where(eq(members.id, amendment.proposedBy));
    const revision = await replaceText(tx, measure, member, amendment.text, `Amendment by ${proposer?.delegation} accepted`);
    await tx.update(amendments).set({ status: "accepted", decidedBy: member.id, decidedAt: new Date() }).where(eq(amendments.id, amendment.id));
    await record(tx, measure, member, "amendment.accepted", null, { amendmentId: amendment.id, revision });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

export async function rejectAmendment(userId: string, amendmentId: string, input: z.input<typeof rejectAmendmentInput>) {
  const { reason } = rejectAmendmentInput.parse(input);
  const { event } = await getDb().transaction(async (tx) => {
    const { amendment, measure, member } = await requireOpenAmendment(tx, amendmentId, userId);
    await tx
      .update(amendments)
      .set({ status: "rejected", decidedBy: member.id, decisionReason: reason, decidedAt: new Date() })
      .where(eq(amendments.id, amendment.id));
    await record(tx, measure, member, "amendment.rejected", null, { amendmentId: amendment.id, reason });
    return { event: await changed(tx, measure) };
  });
  publishText(event);
}

export type AlternativeView = Pick<Alternative, "id" | "kind" | "text" | "rationale" | "status" | "paragraphId"> & {
  html: string;
  proposedBy: string;
  backers: { memberId: string; delegation: string; camp: Member["camp"]; stakeholderGroup: Member["stakeholderGroup"] }[];
  // Backers of this alternative count as support; backers of its rivals for the same paragraph
  // as opposition: the bridging score then says which wording reaches across the camps.
  tally: Tally;
  bridging: number;
};

export type ParagraphView = Pick<Paragraph, "id" | "text" | "status" | "version"> & {
  number: number;
  html: string;
  alternatives: AlternativeView[];
  // New paragraphs proposed to follow this one.
  insertions: AlternativeView[];
};

/** The compilation: the text as it stands, bracketed paragraphs with their open alternatives. */
export async function getCompilation(db: Db | Tx, measureId: string) {
  const [paras, openAlts, revisionList, amendmentList] = await Promise.all([
    activeParagraphs(db, measureId),
    db
      .select({ alt: alternatives, proposedBy: members.delegation })
      .from(alternatives)
      .innerJoin(members, eq(members.id, alternatives.proposedBy))
      .where(and(eq(alternatives.measureId, measureId), eq(alternatives.status, "open")))
      .orderBy(asc(alternatives.createdAt)),
    db
      .select({ r: revisions, author: members.delegation })
      .from(revisions)
      .leftJoin(members, eq(members.id, revisions.authorMemberId))
      .where(eq(revisions.measureId, measureId))
      .orderBy(desc(revisions.number)),
    db
      .select({ a: amendments, proposedBy: members.delegation })
      .from(amendments)
      .innerJoin(members, eq(members.id, amendments.proposedBy))
      .where(eq(amendments.measureId, measureId))
      .orderBy(desc(amendments.createdAt)),
  ]);
  const altIds = openAlts.map((a) => a.alt.id);
  const backerRows = altIds.length
    ? await db
        .select({ alternativeId: backings.alternativeId, memberId: backings.memberId, camp: backings.camp, stakeholderGroup: backings.stakeholderGroup, delegation: members.delegation })
        .from(backings)
        .innerJoin(members, eq(members.id, backings.memberId))
        .where(inArray(backings.alternativeId, altIds))
        .orderBy(asc(backings.createdAt))
    : [];
  const backersOf = (id: string) => backerRows.filter((b) => b.alternativeId === id);
  const views: AlternativeView[] = openAlts.map(({ alt, proposedBy }) => {
    const own = backersOf(alt.id);
    const rivals =
      alt.kind === "insert"
        ? []
        : openAlts.filter((o) => o.alt.id !== alt.id && o.alt.kind !== "insert" && o.alt.paragraphId === alt.paragraphId).flatMap((o) => backersOf(o.alt.id));
    const tally = tallyFrom([
      ...own.map((b) => ({ camp: b.camp, stakeholderGroup: b.stakeholderGroup, stance: "support" as const, count: 1 })),
      ...rivals.map((b) => ({ camp: b.camp, stakeholderGroup: b.stakeholderGroup, stance: "oppose" as const, count: 1 })),
    ]);
    return {
      id: alt.id,
      kind: alt.kind,
      text: alt.text,
      rationale: alt.rationale,
      status: alt.status,
      paragraphId: alt.paragraphId,
      html: renderMarkdown(alt.text),
      proposedBy,
      backers: own.map(({ memberId, delegation, camp, stakeholderGroup }) => ({ memberId, delegation, camp, stakeholderGroup })),
      tally,
      bridging: bridgingScore(tally),
    };
  });
  const paragraphViews: ParagraphView[] = paras.map((p, i) => ({
    id: p.id,
    number: i + 1,
    text: p.text,
    status: p.status,
    version: p.version,
    html: renderMarkdown(p.text),
    alternatives: views.filter((v) => v.kind !== "insert" && v.paragraphId === p.id),
    insertions: views.filter((v) => v.kind === "insert" && v.paragraphId === p.id),
  }));
  return {
    paragraphs: paragraphViews,
    openingInsertions: views.filter((v) => v.kind === "insert" && v.paragraphId === null),
    revisions: revisionList.map(({ r, author }) => ({
      number: r.number,
      issuedAs: r.issuedAs,
      summary: r.summary,
      author: author ?? "System",
      createdAt: r.createdAt.toISOString(),
    })),
    amendments: amendmentList.map(({ a, proposedBy }) => ({
      id: a.id,
      proposedBy,
      html: renderMarkdown(a.text),
      rationale: a.rationale,
      status: a.status,
      decisionReason: a.decisionReason,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export type Compilation = Awaited<ReturnType<typeof getCompilation>>;

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
