import "server-only";
// The compilation of a measure's text as the measure page shows it: the paragraphs as they stand,
// bracketed ones with their open alternatives (who backs each, split by camp, and its bridging
// score), the revisions and the amendments.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { alternatives, amendments, backings, members, revisions, type Alternative, type Member, type Paragraph } from "@/db/schema";
import { bridgingScore } from "@/lib/core/bridging";
import { renderMarkdown } from "@/lib/core/markdown";
import { tallyFrom, type Tally } from "@/lib/core/tallies";
import { activeParagraphs } from "./store";

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
