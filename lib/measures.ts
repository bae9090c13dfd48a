import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import {
  comments,
  decisions,
  forums,
  measureAuthors,
  measures,
  members,
  objections,
  positions,
  users,
  type Decision,
  type Measure,
  type Member,
} from "@/db/schema";
import { agendaPageSize, pageCountOf, rankForView, toAgendaItem, type AgendaPage, type AgendaQuery, type CampTally } from "./agenda";
import { audit, measureHistory } from "./audit";
import { rankCommonGround, rankDivides } from "./bridging";
import { conflict, DomainError, forbidden, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { requireOpenForum } from "./forum-state";
import { availableTransitions, checkTransition, type Mover } from "./lifecycle";
import { renderMarkdown } from "./markdown";
import { getCompilation, initText } from "./texts";
import { requireMember } from "./members";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { emptyTally, tallyFrom, type Counts, type Tally } from "./tallies";
import { camps, stakeholderGroups, stances } from "./vocabulary";
import { changeStatusInput, coauthorInput, proposeMeasureInput, uuidParam } from "./validation";
import {
  toDecisionView,
  toForumView,
  type CommentView,
  type DecisionView,
  type MeasureDetail,
  type MeasureSummary,
  type PositionView,
} from "./views";

export async function isAuthor(db: Db | Tx, measureId: string, memberId: string) {
  const [row] = await db
    .select({ m: measureAuthors.memberId })
    .from(measureAuthors)
    .where(and(eq(measureAuthors.measureId, measureId), eq(measureAuthors.memberId, memberId)));
  return Boolean(row);
}

/** The roles the member holds for this measure, for lib/lifecycle.ts. */
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
export async function requireMeasure(
  db: Db | Tx,
  measureId: string,
  userId: string,
): Promise<{ measure: Measure; member: Member }> {
  if (!uuidParam.safeParse(measureId).success) throw notFound("Measure");
  const [measure] = await db.select().from(measures).where(eq(measures.id, measureId));
  if (!measure) throw notFound("Measure");
  const member = await requireMember(db, measure.forumId, userId).catch(() => {
    throw notFound("Measure");
  });
  if (measure.status === "draft" && !(await isAuthor(db, measure.id, member.id))) throw notFound("Measure");
  return { measure, member };
}

/**
 * `count(*) filter (…)` per (value of `column`, stance): each measure's breakdown in one row,
 * where grouping by (measure, camp, group, stance) sends ~20 rows per measure through the driver.
 * The words are written into the statement rather than bound (54 parameters cost PGlite more
 * than the counting): they are the vocabulary's constants, never input.
 */
function stanceCountsBy(prefix: string, column: typeof positions.camp | typeof positions.stakeholderGroup, values: readonly string[]) {
  const word = (w: string) => sql.raw(`'${w}'`);
  const columns: Record<string, SQL<number>> = {};
  for (const value of values) {
    for (const stance of stances) {
      columns[`${prefix}_${value}_${stance}`] = sql<number>`(count(*) filter (where ${column} = ${word(value)} and ${positions.stance} = ${word(stance)}))::int`;
    }
  }
  return columns;
}

/** Per-measure counts by camp (and, if asked, by stakeholder group); measures nobody spoke on are absent. */
async function stanceCountRows(db: Db | Tx, measureIds: string[], withGroups: boolean) {
  const rows = await db
    .select({
      measureId: positions.measureId,
      ...stanceCountsBy("c", positions.camp, camps),
      ...(withGroups ? stanceCountsBy("g", positions.stakeholderGroup, stakeholderGroups) : {}),
    })
    .from(positions)
    .where(inArray(positions.measureId, measureIds))
    .groupBy(positions.measureId);
  return new Map(rows.map((row) => [row.measureId, row as unknown as Record<string, number>]));
}

function fillCounts(row: Record<string, number>, prefix: string, value: string): Counts {
  return {
    support: row[`${prefix}_${value}_support`] ?? 0,
    oppose: row[`${prefix}_${value}_oppose`] ?? 0,
    abstain: row[`${prefix}_${value}_abstain`] ?? 0,
  };
}

function campTallyFrom(row: Record<string, number> | undefined): CampTally {
  const tally = emptyTally();
  if (!row) return { total: tally.total, byCamp: tally.byCamp };
  for (const camp of camps) {
    const counts = fillCounts(row, "c", camp);
    tally.byCamp[camp] = counts;
    // Every position has a camp, so the camps add up to the total.
    for (const stance of stances) tally.total[stance] += counts[stance];
  }
  return { total: tally.total, byCamp: tally.byCamp };
}

/** Tallies of the given measures, keyed by measure id (one grouped query, one row per measure). */
export async function talliesOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, Tally>> {
  const result = new Map<string, Tally>();
  if (measureIds.length === 0) return result;
  const rows = await stanceCountRows(db, measureIds, true);
  for (const id of measureIds) {
    const row = rows.get(id);
    const byGroup = emptyTally().byGroup;
    if (row) for (const group of stakeholderGroups) byGroup[group] = fillCounts(row, "g", group);
    result.set(id, { ...campTallyFrom(row), byGroup });
  }
  return result;
}

/** Totals and camp tallies only (what the forum page shows and ranks by), keyed by measure id. */
async function campTalliesOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, CampTally>> {
  const result = new Map<string, CampTally>();
  if (measureIds.length === 0) return result;
  const rows = await stanceCountRows(db, measureIds, false);
  for (const id of measureIds) result.set(id, campTallyFrom(rows.get(id)));
  return result;
}

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

/** One measure's tally. For one measure a grouped count (a dozen rows) costs PGlite less than talliesOf's one wide row. */
export async function tallyOf(db: Db | Tx, measureId: string): Promise<Tally> {
  const rows = await db
    .select({
      camp: positions.camp,
      stakeholderGroup: positions.stakeholderGroup,
      stance: positions.stance,
      count: sql<number>`count(*)::int`,
    })
    .from(positions)
    .where(eq(positions.measureId, measureId))
    .groupBy(positions.camp, positions.stakeholderGroup, positions.stance);
  return tallyFrom(rows);
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

function toSummary(
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

/** A member proposes a measure, published for discussion or kept as a draft. Observers cannot. */
export async function proposeMeasure(
  userId: string,
  forumId: string,
  input: z.input<typeof proposeMeasureInput>,
): Promise<MeasureSummary> {
  const data = proposeMeasureInput.parse(input);
  const { summary, event } = await getDb().transaction(async (tx) => {
    const member = await requireMember(tx, forumId, userId);
    if (member.role === "observer") throw forbidden("Observers cannot propose measures.");
    await requireOpenForum(tx, forumId);
    const [measure] = await tx
      .insert(measures)
      .values({
        forumId,
        title: data.title,
        kind: data.kind,
        category: data.category,
        text: data.text,
        status: data.draft ? "draft" : "under_discussion",
        proposedBy: member.id,
      })
      .returning();
    await tx.insert(measureAuthors).values({ measureId: measure!.id, memberId: member.id });
    await initText(tx, measure!, member);
    await audit(tx, {
      forumId,
      actor: member,
      action: "measure.proposed",
      measureId: measure!.id,
      after: { title: data.title, kind: data.kind, category: data.category, status: measure!.status },
    });
    const summary = toSummary(measure!, member.delegation, emptyTally(), 0, null);
    // A draft is nobody else's business: no event, and no step in the sequence that every page
    // in the room would take for a missed event.
    if (data.draft) return { summary, event: null };
    const seq = await bumpSeq(tx, forumId);
    const event: ForumEvent = { type: "measure:proposed", forumId, seq, measure: summary };
    return { summary, event };
  });
  if (event) publish(event);
  return summary;
}

/**
 * Moves a measure along its lifecycle (submit a draft, withdraw, return to discussion, cancel
 * a decision). Opening and closing decisions go through lib/decisions.ts.
 */
export async function changeStatus(userId: string, measureId: string, input: z.input<typeof changeStatusInput>) {
  const { to } = changeStatusInput.parse(input);
  if (to === "in_decision" || to === "adopted" || to === "not_adopted") {
    throw new DomainError("invalid", "Open or close a decision to change this status (POST …/decision).");
  }
  const { summary, event } = await getDb().transaction(async (tx) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    await requireOpenForum(tx, measure.forumId);
    const check = checkTransition(measure.status, to, await moversFor(tx, measure, member));
    if (!check.ok) throw check.reason === "forbidden" ? forbidden(check.message) : conflict(check.message);
    if (measure.status === "in_decision") {
      // Cancelling: the open decision closes without an outcome.
      await tx
        .update(decisions)
        .set({ closedAt: new Date(), closedBy: member.id })
        .where(and(eq(decisions.measureId, measureId), isNull(decisions.closedAt)));
      await audit(tx, { forumId: measure.forumId, actor: member, action: "decision.cancelled", measureId });
    }
    await tx.update(measures).set({ status: to }).where(eq(measures.id, measureId));
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "measure.status_changed",
      measureId,
      before: { status: measure.status },
      after: { status: to },
    });
    const event = await measureChanged(tx, measure);
    return { summary: event.measure, event };
  });
  // A draft's events stay private: the room learns of it when it is submitted.
  if (summary.status !== "draft") publish(event);
  return summary;
}

/** The event of a change the room must re-read a measure for: the forum's next seq, and the measure as it now stands. */
export async function measureChanged(tx: Tx, measure: Pick<Measure, "id" | "forumId">): Promise<Extract<ForumEvent, { type: "measure:changed" }>> {
  // The seq first: its lock on the forum's row makes the summary include every earlier write.
  const seq = await bumpSeq(tx, measure.forumId);
  return { type: "measure:changed", forumId: measure.forumId, seq, measure: await summaryOf(tx, measure.id) };
}

/** An author makes another member of the forum a co-author. */
export async function addCoauthor(userId: string, measureId: string, input: z.input<typeof coauthorInput>) {
  const { memberId } = coauthorInput.parse(input);
  const event = await getDb().transaction(async (tx) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    await requireOpenForum(tx, measure.forumId);
    if (!(await isAuthor(tx, measureId, member.id))) throw forbidden("Only the measure's authors can invite co-authors.");
    if (measure.status !== "draft" && measure.status !== "under_discussion") {
      throw conflict("Co-authors can join only while a measure is a draft or under discussion.");
    }
    const [target] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.forumId, measure.forumId), isNull(members.removedAt)));
    if (!target) throw notFound("Member");
    if (target.role === "observer") throw conflict("Observers cannot co-author measures.");
    const [added] = await tx.insert(measureAuthors).values({ measureId, memberId }).onConflictDoNothing().returning();
    if (!added) throw conflict(`${target.delegation} is already an author.`);
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "measure.coauthor_added",
      measureId,
      subjectMemberId: target.id,
      after: { delegation: target.delegation },
    });
    // The measure page names its co-authors, so the room hears of a new one; a draft stays private.
    return measure.status === "draft" ? null : measureChanged(tx, measure);
  });
  if (event) publish(event);
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

/** Everything the measure page shows, for a member of its forum. */
export async function getMeasurePage(userId: string, measureId: string) {
  const db = getDb();
  const { measure, member: me } = await requireMeasure(db, measureId, userId);
  const [forum] = await db.select().from(forums).where(eq(forums.id, measure.forumId));
  const [summary, positionList, commentList, authors, history, movers, compilation] = await Promise.all([
    summaryOf(db, measureId),
    listPositions(db, measureId),
    listComments(db, measureId),
    listAuthors(db, measureId),
    measureHistory(measure.forumId, measureId),
    moversFor(db, measure, me),
    getCompilation(db, measureId),
  ]);
  const decisionObjections = summary.decision ? await listObjections(db, summary.decision) : [];
  // Authors may invite any other delegate or chair of the forum to co-author.
  const coauthorCandidates = movers.includes("author")
    ? (
        await db
          .select({ memberId: members.id, delegation: members.delegation })
          .from(members)
          .where(and(eq(members.forumId, measure.forumId), isNull(members.removedAt), ne(members.role, "observer")))
          .orderBy(asc(members.delegation))
      ).filter((m) => !authors.some((a) => a.memberId === m.memberId))
    : [];
  const detail: MeasureDetail = { ...summary, text: measure.text, html: renderMarkdown(measure.text) };
  return {
    forum: toForumView(forum!),
    seq: forum!.seq,
    me,
    measure: detail,
    positions: positionList,
    comments: commentList,
    authors,
    objections: decisionObjections,
    history,
    compilation,
    movers,
    coauthorCandidates,
    transitions: availableTransitions(measure.status, movers).map((t) => ({ to: t.to, verb: t.verb })),
  };
}

export const measureViews = ["agenda", "common-ground", "divides"] as const;
export type MeasureViewName = (typeof measureViews)[number];

/** The measures of a forum for a member, in agenda order or ranked by bridging or by division. */
export async function listMeasures(userId: string, forumId: string, view: MeasureViewName = "agenda") {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const list = await listMeasureSummaries(db, forumId, me);
  if (view === "common-ground") return rankCommonGround(list);
  if (view === "divides") return rankDivides(list);
  return list;
}
