import "server-only";
// A forum's record as data files — measures, positions, comments and the history of support —
// each as CSV or JSON with the same fields, for any member. Personal names never leave in an
// export unless the forum's chair allows them (lib/core/name-disclosure.ts): positions and comments
// always carry the delegation, its camp and its stakeholder group.
import { and, asc, eq, inArray, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { auditEvents, comments, forums, hiddenComments, measures, members, positions, users, type Forum, type Member } from "@/db/schema";
import { bridgingScore, divideGap } from "@/lib/core/bridging";
import { toCsv, type CsvValue } from "@/lib/core/csv";
import { notFound } from "@/lib/core/errors";
import { mayReadHidden } from "@/lib/core/moderation";
import { namesNotice } from "@/lib/core/name-disclosure";
import { supportTimeline, type PositionChange } from "@/lib/core/support-timeline";
import { countOf, type Counts } from "@/lib/core/tallies";
import type { ExportDataset, exportQuery } from "@/lib/core/validation";
import { camps, stances, type Camp, type Stance } from "@/lib/core/vocabulary";
import { requireMember } from "@/lib/access/member";
import { listMeasureSummaries } from "@/lib/measure/queries";

const measureColumns = [
  "id", "title", "kind", "category", "status", "proposed_by", "created_at", "comments",
  "positions", "support", "oppose", "abstain",
  "if_support", "if_oppose", "if_abstain", "cs_support", "cs_oppose", "cs_abstain", "na_support", "na_oppose", "na_abstain",
  "bridging_score", "divide_gap", "decision_rule", "decision_outcome", "decided_at", "text",
] as const;

const positionColumns = [
  "measure_id", "measure_title", "measure_status", "delegation", "member_name", "camp", "stakeholder_group", "stance", "rationale", "updated_at",
] as const;

const commentColumns = [
  "id", "measure_id", "measure_title", "delegation", "member_name", "camp", "stakeholder_group", "created_at", "body", "hidden_reason",
] as const;

const supportHistoryColumns = [
  "measure_id", "measure_title", "step", "at", "delegation", "camp", "stance", "previous_stance",
  "if_support", "if_oppose", "if_abstain", "cs_support", "cs_oppose", "cs_abstain", "na_support", "na_oppose", "na_abstain",
] as const;

type Row<C extends readonly string[]> = Record<C[number], CsvValue>;
type MeasureRow = Row<typeof measureColumns>;
type PositionRow = Row<typeof positionColumns>;
type CommentRow = Row<typeof commentColumns>;
export type SupportHistoryRow = Row<typeof supportHistoryColumns> & {
  step: number;
  at: string;
  camp: Camp;
  stance: Stance | "withdrawn";
  previous_stance: Stance | null;
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function campCounts(byCamp: Record<Camp, Counts>) {
  const c = (camp: Camp) => byCamp[camp];
  return {
    if_support: c("internet_freedom").support,
    if_oppose: c("internet_freedom").oppose,
    if_abstain: c("internet_freedom").abstain,
    cs_support: c("cyber_sovereignty").support,
    cs_oppose: c("cyber_sovereignty").oppose,
    cs_abstain: c("cyber_sovereignty").abstain,
    na_support: c("non_aligned").support,
    na_oppose: c("non_aligned").oppose,
    na_abstain: c("non_aligned").abstain,
  };
}

/** Measures on the record: every status but draft (a draft belongs to its authors until submitted). */
function recorded(forumId: string, measureId?: string): SQL {
  return and(eq(measures.forumId, forumId), ne(measures.status, "draft"), measureId ? eq(measures.id, measureId) : undefined)!;
}

async function requireRecordedMeasure(db: Db, forumId: string, measureId: string) {
  const [row] = await db.select({ id: measures.id }).from(measures).where(recorded(forumId, measureId));
  if (!row) throw notFound("Measure");
}

async function measureRows(db: Db, forumId: string, viewer: Member, measureId?: string): Promise<MeasureRow[]> {
  const summaries = (await listMeasureSummaries(db, forumId, viewer))
    .filter((m) => m.status !== "draft" && (!measureId || m.id === measureId))
    .reverse();
  if (summaries.length === 0) return [];
  const texts = new Map(
    (await db.select({ id: measures.id, text: measures.text }).from(measures).where(inArray(measures.id, summaries.map((m) => m.id)))).map(
      (r) => [r.id, r.text],
    ),
  );
  return summaries.map((m) => ({
    id: m.id,
    title: m.title,
    kind: m.kind,
    category: m.category,
    status: m.status,
    proposed_by: m.proposedBy,
    created_at: m.createdAt,
    comments: m.commentCount,
    positions: countOf(m.tally.total),
    ...m.tally.total,
    ...campCounts(m.tally.byCamp),
    bridging_score: round4(bridgingScore(m.tally)),
    divide_gap: round4(divideGap(m.tally)),
    decision_rule: m.decision?.rule ?? null,
    decision_outcome: m.decision?.outcome ?? null,
    decided_at: m.decision?.outcome ? m.decision.closedAt : null,
    text: texts.get(m.id) ?? "",
  }));
}

async function positionRows(db: Db, forum: Forum, measureId?: string): Promise<PositionRow[]> {
  const forumId = forum.id;
  const rows = await db
    .select({ position: positions, delegation: members.delegation, name: users.name, title: measures.title, status: measures.status })
    .from(positions)
    .innerJoin(measures, eq(measures.id, positions.measureId))
    .innerJoin(members, eq(members.id, positions.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(recorded(forumId, measureId))
    .orderBy(asc(measures.createdAt), asc(members.delegation));
  return rows.map((r) => ({
    measure_id: r.position.measureId,
    measure_title: r.title,
    measure_status: r.status,
    delegation: r.delegation,
    member_name: forum.discloseMemberNames ? r.name : null,
    camp: r.position.camp,
    stakeholder_group: r.position.stakeholderGroup,
    stance: r.position.stance,
    rationale: r.position.rationale,
    updated_at: r.position.updatedAt.toISOString(),
  }));
}

async function commentRows(db: Db, forum: Forum, me: Member, measureId?: string): Promise<CommentRow[]> {
  const forumId = forum.id;
  const rows = await db
    .select({ comment: comments, delegation: members.delegation, name: users.name, title: measures.title, hiddenReason: hiddenComments.reason })
    .from(comments)
    .innerJoin(measures, eq(measures.id, comments.measureId))
    .innerJoin(members, eq(members.id, comments.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .leftJoin(hiddenComments, eq(hiddenComments.commentId, comments.id))
    .where(recorded(forumId, measureId))
    .orderBy(asc(measures.createdAt), asc(comments.createdAt), asc(comments.id));
  return rows.map((r) => ({
    id: r.comment.id,
    measure_id: r.comment.measureId,
    measure_title: r.title,
    delegation: r.delegation,
    member_name: forum.discloseMemberNames ? r.name : null,
    camp: r.comment.camp,
    stakeholder_group: r.comment.stakeholderGroup,
    created_at: r.comment.createdAt.toISOString(),
    // The Markdown as written: a data file is for reading and re-use, not for display. A comment
    // the chair hid keeps its words for the chair and its author only.
    body: r.hiddenReason === null || mayReadHidden(me, r.comment.memberId) ? r.comment.body : null,
    hidden_reason: r.hiddenReason,
  }));
}

// A member's removal (or becoming an observer) withdraws their open positions; logs written
// before the action had its present name call it "positions.withdrawn_on_removal".
const withdrawals = ["positions.withdrawn", "positions.withdrawn_on_removal"];
const positionAfter = z.object({ stance: z.enum(stances), camp: z.enum(camps) });
const actor = alias(members, "actor");
const subject = alias(members, "subject");

/** Each measure's support history, replayed from its audit entries (lib/support-timeline.ts). */
async function supportHistoryRows(db: Db, forumId: string, measureId?: string): Promise<SupportHistoryRow[]> {
  const events = await db
    .select({
      at: auditEvents.createdAt,
      action: auditEvents.action,
      measureId: measures.id,
      title: measures.title,
      actorId: auditEvents.actorMemberId,
      subjectId: auditEvents.subjectMemberId,
      actorDelegation: actor.delegation,
      subjectDelegation: subject.delegation,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .innerJoin(measures, eq(measures.id, auditEvents.measureId))
    .leftJoin(actor, eq(actor.id, auditEvents.actorMemberId))
    .leftJoin(subject, eq(subject.id, auditEvents.subjectMemberId))
    .where(
      and(
        eq(auditEvents.forumId, forumId),
        inArray(auditEvents.action, ["position.taken", "position.changed", ...withdrawals]),
        recorded(forumId, measureId),
      ),
    )
    .orderBy(asc(measures.createdAt), asc(auditEvents.id));

  const byMeasure = new Map<string, { title: string; changes: PositionChange[] }>();
  for (const e of events) {
    const entry = byMeasure.get(e.measureId) ?? { title: e.title, changes: [] };
    byMeasure.set(e.measureId, entry);
    const at = e.at.toISOString();
    if (withdrawals.includes(e.action)) {
      if (e.subjectId) entry.changes.push({ at, memberId: e.subjectId, delegation: e.subjectDelegation ?? "", stance: null });
      continue;
    }
    const after = positionAfter.safeParse(e.after);
    if (e.actorId && after.success) {
      entry.changes.push({ at, memberId: e.actorId, delegation: e.actorDelegation ?? "", ...after.data });
    }
  }
  return [...byMeasure].flatMap(([id, { title, changes }]) =>
    supportTimeline(changes).map((step, i) => ({
      measure_id: id,
      measure_title: title,
      step: i + 1,
      at: step.at,
      delegation: step.delegation,
      camp: step.camp,
      stance: step.stance ?? "withdrawn",
      previous_stance: step.previous,
      ...campCounts(step.byCamp),
    })),
  );
}

async function datasetRows(
  db: Db,
  me: Member,
  dataset: ExportDataset,
  forum: Forum,
  measureId: string | undefined,
): Promise<{ columns: readonly string[]; rows: Record<string, CsvValue>[] }> {
  const forumId = forum.id;
  switch (dataset) {
    case "measures":
      return { columns: measureColumns, rows: await measureRows(db, forumId, me, measureId) };
    case "positions":
      return { columns: positionColumns, rows: await positionRows(db, forum, measureId) };
    case "comments":
      return { columns: commentColumns, rows: await commentRows(db, forum, me, measureId) };
    case "support-history":
      return { columns: supportHistoryColumns, rows: await supportHistoryRows(db, forumId, measureId) };
  }
}

export type ExportFile = { filename: string; contentType: string; body: string };

async function forumOf(db: Db, forumId: string): Promise<Forum> {
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  return forum;
}

/** One dataset of the forum as a file, for a member. */
export async function exportDataset(
  userId: string,
  forumId: string,
  dataset: ExportDataset,
  { format, measureId }: z.output<typeof exportQuery>,
  now = new Date(),
): Promise<ExportFile> {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  if (measureId) await requireRecordedMeasure(db, forumId, measureId);
  const forum = await forumOf(db, forumId);

  const { columns, rows } = await datasetRows(db, me, dataset, forum, measureId);
  const filename = `concord-${dataset}-${forumId}${measureId ? `-${measureId}` : ""}.${format}`;
  if (format === "csv") return { filename, contentType: "text/csv; charset=utf-8", body: toCsv(columns, rows) };
  const json = {
    dataset,
    forum: { id: forum.id, title: forum.title },
    exportedAt: now.toISOString(),
    note: namesNotice(forum),
    rows,
  };
  return { filename, contentType: "application/json; charset=utf-8", body: JSON.stringify(json, null, 2) };
}
