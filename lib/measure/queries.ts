import "server-only";
// Reading measures: the summaries the forum page, the insights and live events show, one page of
// the agenda in any of its orders, and a measure's authors, positions, comments and objections.
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { comments, decisions, measureAuthors, measures, members, objections, positions, users, type Decision, type Measure, type Member } from "@/db/schema";
import { requireMember } from "@/lib/access/member";
import { agendaPageSize, pageCountOf, rankForView, toAgendaItem, type AgendaPage, type AgendaQuery, type AgendaView } from "@/lib/core/agenda";
import { rankCommonGround, rankDivides } from "@/lib/core/bridging";
import { notFound } from "@/lib/core/errors";
import { renderMarkdown } from "@/lib/core/markdown";
import { emptyTally, type Tally } from "@/lib/core/tallies";
import { toDecisionView, type CommentView, type DecisionView, type MeasureSummary, type PositionView } from "@/lib/core/views";
import { campTallyFrom } from "./tallies";
import { campTalliesOf, talliesOf, tallyOf } from "./tallies";

/** Comments per measure, in one grouped count; measures without comments are absent. */
async function commentCountsOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, number>> {
  if (measureIds.length === 0) return new Map();
  const rows = await db
    .select({ measureId: comments.measureId, n: sql<number>`count(*)::int` })
    .from(comments)
    .where(inArray(comments.measureId, measureIds))
    .groupBy(comments.measureId);
  return new Map(rows.map((r) => [r.measureId, r.n]));
}


/** The latest decision of each measure (open or closed), with its objection count. */
async function latestDecisions(db: Db | Tx, measureIds: string[]): Promise<Map<string, DecisionView>> {
  const result = new Map<string, DecisionView>();
  if (measureIds.length === 0) return result;
  const rows = await db.select().from(decisions).where(inArray(decisions.measureId, measureIds)).orderBy(asc(decisions.openedAt));
  if (rows.length === 0) return result;
  const counts = await db
    .select({ decisionId: objections.decisionId, n: sql<number>`count(*)::int` })
    .from(objections)
    .where(inArray(objections.decisionId, rows.map((d) => d.id)))
    .groupBy(objections.decisionId);
  const countOf = new Map(counts.map((c) => [c.decisionId, c.n]));
  for (const d of rows) result.set(d.measureId, toDecisionView(d, countOf.get(d.id) ?? 0));
  return result;
}

export function toSummary(
  m: Measure,
  proposedBy: string,
  tally: Tally,
  commentCount: number,
  decision: DecisionView | null,
): MeasureSummary {
  return {
    id: m.id,
    forumId: m.forumId,
    title: m.title,
    kind: m.kind,
    category: m.category,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    proposedBy,
    tally,
    commentCount,
    decision,
  };
}

/** The measures of a forum that `viewer` may see: all but other people's drafts. */
function visibleIn(db: Db | Tx, forumId: string, viewer: Member) {
  return and(
    eq(measures.forumId, forumId),
    or(
      sql`${measures.status} <> 'draft'`,
      inArray(
        measures.id,
        db.select({ id: measureAuthors.measureId }).from(measureAuthors).where(eq(measureAuthors.memberId, viewer.id)),
      ),
    ),
  );
}

// Agenda order: newest first; the id settles equal times so that pages never overlap.
const agendaOrder = [desc(measures.createdAt), desc(measures.id)];

/** The measures of a forum that `viewer` may see, in agenda order. */
export async function listMeasureSummaries(db: Db | Tx, forumId: string, viewer: Member): Promise<MeasureSummary[]> {
  const rows = await db
    .select({ measure: measures, proposedBy: members.delegation })
    .from(measures)
    .innerJoin(members, eq(members.id, measures.proposedBy))
    .where(visibleIn(db, forumId, viewer))
    .orderBy(...agendaOrder);
  const ids = rows.map((r) => r.measure.id);
  const [tallies, commentCounts, decisionsById] = await Promise.all([
    talliesOf(db, ids),
    commentCountsOf(db, ids),
    latestDecisions(db, ids),
  ]);
  return rows.map((r) =>
    toSummary(
      r.measure,
      r.proposedBy,
      tallies.get(r.measure.id) ?? emptyTally(),
      commentCounts.get(r.measure.id) ?? 0,
      decisionsById.get(r.measure.id) ?? null,
    ),
  );
}

/**
 * One page of the forum page's agenda for `viewer`. The view's filter and order apply to every
 * measure before the page is cut, so a ranking compares all of them; only the measures of the
 * page have their comments and decisions read.
 */
export async function listAgendaPage(
  db: Db | Tx,
  forumId: string,
  viewer: Member,
  query: AgendaQuery,
  pageSize = agendaPageSize,
): Promise<AgendaPage> {
  const rows = await db
    .select({
      id: measures.id,
      title: measures.title,
      kind: measures.kind,
      category: measures.category,
      status: measures.status,
      proposedBy: members.delegation,
    })
    .from(measures)
    .innerJoin(members, eq(members.id, measures.proposedBy))
    .where(visibleIn(db, forumId, viewer))
    .orderBy(...agendaOrder);
  // The agenda's order needs no tallies; a ranking needs every measure's camps.
  const allTallies = query.view === "agenda" ? null : await campTalliesOf(db, rows.map((r) => r.id));
  const ranked = allTallies ? rankForView(rows.map((r) => ({ ...r, tally: allTallies.get(r.id)! })), query.view) : rows;
  const pageCount = pageCountOf(ranked.length, pageSize);
  const page = Math.min(query.page, pageCount);
  const onPage = ranked.slice((page - 1) * pageSize, page * pageSize);
  const ids = onPage.map((r) => r.id);
  const [tallies, commentCounts, decisionsById] = await Promise.all([
    allTallies ?? campTalliesOf(db, ids),
    commentCountsOf(db, ids),
    latestDecisions(db, ids),
  ]);
  return {
    view: query.view,
    page,
    pageSize,
    pageCount,
    total: ranked.length,
    agendaTotal: rows.length,
    items: onPage.map((r) =>
      toAgendaItem({
        ...r,
        tally: tallies.get(r.id) ?? campTallyFrom(undefined),
        commentCount: commentCounts.get(r.id) ?? 0,
        decision: decisionsById.get(r.id) ?? null,
      }),
    ),
  };
}

/** The summary of one measure as it stands inside a transaction, for live events. */
export async function summaryOf(tx: Db | Tx, measureId: string): Promise<MeasureSummary> {
  const [row] = await tx
    .select({
      measure: measures,
      proposedBy: members.delegation,
      commentCount: sql<number>`(select count(*)::int from ${comments} c where c.measure_id = ${measures.id})`,
    })
    .from(measures)
    .innerJoin(members, eq(members.id, measures.proposedBy))
    .where(eq(measures.id, measureId));
  if (!row) throw notFound("Measure");
  const [tally, decision] = await Promise.all([tallyOf(tx, measureId), latestDecisions(tx, [measureId])]);
  return toSummary(row.measure, row.proposedBy, tally, row.commentCount, decision.get(measureId) ?? null);
}


export async function listAuthors(db: Db | Tx, measureId: string) {
  return db
    .select({ memberId: members.id, delegation: members.delegation, camp: members.camp })
    .from(measureAuthors)
    .innerJoin(members, eq(members.id, measureAuthors.memberId))
    .where(eq(measureAuthors.measureId, measureId))
    .orderBy(asc(measureAuthors.addedAt));
}

export async function listPositions(db: Db | Tx, measureId: string): Promise<PositionView[]> {
  const rows = await db
    .select({ position: positions, delegation: members.delegation })
    .from(positions)
    .innerJoin(members, eq(members.id, positions.memberId))
    .where(eq(positions.measureId, measureId))
    .orderBy(asc(members.delegation));
  return rows.map((r) => toPositionView(r.position, r.delegation));
}

export function toPositionView(p: typeof positions.$inferSelect, delegation: string): PositionView {
  return {
    memberId: p.memberId,
    stance: p.stance,
    rationale: p.rationale,
    camp: p.camp,
    stakeholderGroup: p.stakeholderGroup,
    updatedAt: p.updatedAt.toISOString(),
    delegation,
  };
}

export async function listComments(db: Db | Tx, measureId: string): Promise<CommentView[]> {
  const rows = await db
    .select({ comment: comments, delegation: members.delegation, authorName: users.name })
    .from(comments)
    .innerJoin(members, eq(members.id, comments.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(comments.measureId, measureId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return rows.map((r) => toCommentView(r.comment, r.delegation, r.authorName));
}

export function toCommentView(c: typeof comments.$inferSelect, delegation: string, authorName: string): CommentView {
  return {
    id: c.id,
    measureId: c.measureId,
    memberId: c.memberId,
    camp: c.camp,
    stakeholderGroup: c.stakeholderGroup,
    createdAt: c.createdAt.toISOString(),
    html: renderMarkdown(c.body),
    delegation,
    authorName,
    // Moderation is read apart, for the viewer (lib/measure/moderation-views.ts).
    hidden: null,
  };
}

export async function listObjections(db: Db | Tx, decision: Pick<Decision, "id">) {
  const rows = await db
    .select({ delegation: members.delegation, camp: objections.camp, reason: objections.reason, at: objections.createdAt })
    .from(objections)
    .innerJoin(members, eq(members.id, objections.memberId))
    .where(eq(objections.decisionId, decision.id))
    .orderBy(asc(objections.createdAt));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}


/** The measures of a forum for a member, in agenda order or ranked by bridging or by division. */
export async function listMeasures(userId: string, forumId: string, view: AgendaView = "agenda") {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const list = await listMeasureSummaries(db, forumId, me);
  if (view === "common-ground") return rankCommonGround(list);
  if (view === "divides") return rankDivides(list);
  return list;
}
