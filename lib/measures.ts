import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { comments, forums, measures, members, positions, users, type Measure, type Member } from "@/db/schema";
import { forbidden, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { renderMarkdown } from "./markdown";
import { requireMember } from "./members";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { emptyTally, tallyFrom, type Tally, type TallyRow } from "./tallies";
import { proposeMeasureInput, uuidParam } from "./validation";
import { toForumView, type CommentView, type MeasureDetail, type MeasureSummary, type PositionView } from "./views";

/** Loads a measure and the acting user's membership of its forum; outsiders get "not found". */
export async function requireMeasure(
  db: Db | Tx,
  measureId: string,
  userId: string,
): Promise<{ measure: Measure; member: Member }> {
  if (!uuidParam.safeParse(measureId).success) throw notFound("Measure");
  const [measure] = await db.select().from(measures).where(eq(measures.id, measureId));
  if (!measure) throw notFound("Measure");
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.forumId, measure.forumId), eq(members.userId, userId)));
  if (!member) throw notFound("Measure");
  return { measure, member };
}

const tallyColumns = {
  measureId: positions.measureId,
  camp: positions.camp,
  stakeholderGroup: positions.stakeholderGroup,
  stance: positions.stance,
  count: sql<number>`count(*)::int`,
};

/** Tallies of the given measures, keyed by measure id (one grouped query). */
export async function talliesOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, Tally>> {
  const result = new Map<string, Tally>();
  if (measureIds.length === 0) return result;
  const rows = await db
    .select(tallyColumns)
    .from(positions)
    .where(inArray(positions.measureId, measureIds))
    .groupBy(positions.measureId, positions.camp, positions.stakeholderGroup, positions.stance);
  const byMeasure = new Map<string, TallyRow[]>();
  for (const row of rows) {
    const list = byMeasure.get(row.measureId) ?? [];
    list.push(row);
    byMeasure.set(row.measureId, list);
  }
  for (const id of measureIds) result.set(id, tallyFrom(byMeasure.get(id) ?? []));
  return result;
}

export async function tallyOf(db: Db | Tx, measureId: string): Promise<Tally> {
  return (await talliesOf(db, [measureId])).get(measureId) ?? emptyTally();
}

function toSummary(
  m: Measure,
  proposedBy: string,
  tally: Tally,
  commentCount: number,
): MeasureSummary {
  return {
    id: m.id,
    forumId: m.forumId,
    title: m.title,
    kind: m.kind,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    proposedBy,
    tally,
    commentCount,
  };
}

export async function listMeasureSummaries(db: Db | Tx, forumId: string): Promise<MeasureSummary[]> {
  const rows = await db
    .select({
      measure: measures,
      proposedBy: members.delegation,
      commentCount: sql<number>`(select count(*)::int from ${comments} c where c.measure_id = ${measures.id})`,
    })
    .from(measures)
    .innerJoin(members, eq(members.id, measures.proposedBy))
    .where(eq(measures.forumId, forumId))
    .orderBy(desc(measures.createdAt));
  const tallies = await talliesOf(db, rows.map((r) => r.measure.id));
  return rows.map((r) =>
    toSummary(r.measure, r.proposedBy, tallies.get(r.measure.id) ?? emptyTally(), r.commentCount),
  );
}

/** A member proposes a measure. Observers cannot. */
export async function proposeMeasure(
  userId: string,
  forumId: string,
  input: z.input<typeof proposeMeasureInput>,
): Promise<MeasureSummary> {
  const data = proposeMeasureInput.parse(input);
  const { summary, event } = await getDb().transaction(async (tx) => {
    const member = await requireMember(tx, forumId, userId);
    if (member.role === "observer") throw forbidden("Observers cannot propose measures.");
    const [measure] = await tx
      .insert(measures)
      .values({ forumId, title: data.title, kind: data.kind, text: data.text, proposedBy: member.id })
      .returning();
    const summary = toSummary(measure!, member.delegation, emptyTally(), 0);
    const seq = await bumpSeq(tx, forumId);
    const event: ForumEvent = { type: "measure:proposed", forumId, seq, measure: summary };
    return { summary, event };
  });
  publish(event);
  return summary;
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

export function toCommentView(
  c: typeof comments.$inferSelect,
  delegation: string,
  authorName: string,
): CommentView {
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

/** Everything the measure page shows, for a member of its forum. */
export async function getMeasurePage(userId: string, measureId: string) {
  const db = getDb();
  const { measure, member: me } = await requireMeasure(db, measureId, userId);
  const [forum] = await db.select().from(forums).where(eq(forums.id, measure.forumId));
  const [proposer] = await db
    .select({ delegation: members.delegation })
    .from(members)
    .where(eq(members.id, measure.proposedBy));
  const [tally, positionList, commentList] = await Promise.all([
    tallyOf(db, measureId),
    listPositions(db, measureId),
    listComments(db, measureId),
  ]);
  const detail: MeasureDetail = {
    ...toSummary(measure, proposer?.delegation ?? "", tally, commentList.length),
    text: measure.text,
    html: renderMarkdown(measure.text),
  };
  return {
    forum: toForumView(forum!),
    seq: forum!.seq,
    me,
    measure: detail,
    positions: positionList,
    comments: commentList,
  };
}
