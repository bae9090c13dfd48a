import "server-only";
// Reading moderation: comments as a viewer may see them (a hidden comment's words only for the
// chair and its author), the viewer's own reports, and the chair's queue of reported comments.
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db, type Tx } from "@/db/client";
import { commentReports, comments, forums, hiddenComments, measures, members, users } from "@/db/schema";
import { requireChair } from "@/lib/access/member";
import { hiddenFor, type CommentModeration, type Viewer } from "@/lib/core/moderation";
import type { CommentView, HiddenMark, ReportView } from "@/lib/core/views";
import type { MeasureStatus } from "@/lib/core/vocabulary";
import { toCommentView } from "./queries";

const reporter = alias(members, "reporter");
const resolver = alias(members, "resolver");
const hider = alias(members, "hider");

/** How each of these comments was hidden, if it was. */
async function hiddenMarks(db: Db | Tx, commentIds: string[]): Promise<Map<string, HiddenMark>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .select({ commentId: hiddenComments.commentId, reason: hiddenComments.reason, at: hiddenComments.hiddenAt, by: hider.delegation })
    .from(hiddenComments)
    .innerJoin(hider, eq(hider.id, hiddenComments.hiddenBy))
    .where(inArray(hiddenComments.commentId, commentIds));
  return new Map(rows.map((r) => [r.commentId, { reason: r.reason, at: r.at.toISOString(), by: r.by }]));
}

/**
 * A measure's comments as `viewer` may see them, and the viewer's part in their moderation: the
 * comments they reported and, for the chair, the open reports of each. Every page and answer that
 * shows comments passes them through here.
 */
export async function moderateComments(
  db: Db | Tx,
  viewer: Viewer,
  list: CommentView[],
): Promise<{ comments: CommentView[]; moderation: CommentModeration }> {
  const ids = list.map((c) => c.id);
  if (ids.length === 0) return { comments: list, moderation: { reportedByMe: [], openReports: {} } };
  const [hidden, mine, open] = await Promise.all([
    hiddenMarks(db, ids),
    db
      .select({ commentId: commentReports.commentId })
      .from(commentReports)
      .where(and(inArray(commentReports.commentId, ids), eq(commentReports.reporterId, viewer.id))),
    viewer.role === "chair"
      ? db
          .select({ commentId: commentReports.commentId, n: sql<number>`count(*)::int` })
          .from(commentReports)
          .where(and(inArray(commentReports.commentId, ids), eq(commentReports.status, "open")))
          .groupBy(commentReports.commentId)
      : Promise.resolve([]),
  ]);
  return {
    comments: list.map((c) => {
      const mark = hidden.get(c.id);
      return mark ? hiddenFor(c, mark, viewer) : c;
    }),
    moderation: {
      reportedByMe: mine.map((r) => r.commentId),
      openReports: Object.fromEntries(open.map((r) => [r.commentId, r.n])),
    },
  };
}

/** A reported (or hidden) comment as the chair's queue shows it. */
export type QueueItem = {
  comment: CommentView;
  measure: { id: string; title: string; status: MeasureStatus };
  reports: ReportView[];
  openReports: number;
  // When its reports were settled or it was hidden (null while reports are open).
  settledAt: string | null;
};

export type ModerationQueue = { seq: number; open: QueueItem[]; settled: QueueItem[] };

/** How many settled items the queue keeps listing, newest first: the audit log holds them all. */
export const SETTLED_SHOWN = 50;

/**
 * The chair's queue: comments with open reports, the longest-waiting first, and below them the
 * most recently settled ones (reports upheld or dismissed, or hidden without a report).
 */
export async function getModerationQueue(userId: string, forumId: string): Promise<ModerationQueue> {
  const db = getDb();
  await requireChair(db, forumId, userId);
  const [forum] = await db.select({ seq: forums.seq }).from(forums).where(eq(forums.id, forumId));
  const reportRows = await db
    .select({ report: commentReports, delegation: reporter.delegation, resolvedBy: resolver.delegation })
    .from(commentReports)
    .innerJoin(reporter, eq(reporter.id, commentReports.reporterId))
    .leftJoin(resolver, eq(resolver.id, commentReports.resolvedBy))
    .where(eq(commentReports.forumId, forumId))
    .orderBy(asc(commentReports.createdAt), asc(commentReports.id));
  const reportsOf = new Map<string, ReportView[]>();
  for (const { report: r, delegation, resolvedBy } of reportRows) {
    const list = reportsOf.get(r.commentId) ?? [];
    reportsOf.set(r.commentId, list);
    list.push({
      id: r.id,
      commentId: r.commentId,
      memberId: r.reporterId,
      delegation,
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolvedBy,
      note: r.resolutionNote || null,
    });
  }
  const commentRows = await db
    .select({
      comment: comments,
      delegation: members.delegation,
      authorName: users.name,
      measure: { id: measures.id, title: measures.title, status: measures.status },
    })
    .from(comments)
    .innerJoin(measures, eq(measures.id, comments.measureId))
    .innerJoin(members, eq(members.id, comments.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(measures.forumId, forumId),
        or(
          inArray(comments.id, db.select({ id: commentReports.commentId }).from(commentReports).where(eq(commentReports.forumId, forumId))),
          inArray(comments.id, db.select({ id: hiddenComments.commentId }).from(hiddenComments)),
        ),
      ),
    );
  const hidden = await hiddenMarks(db, commentRows.map((r) => r.comment.id));
  const items = commentRows.map((r): QueueItem => {
    const reports = reportsOf.get(r.comment.id) ?? [];
    const mark = hidden.get(r.comment.id) ?? null;
    const openReports = reports.filter((x) => x.status === "open").length;
    const settled = [mark?.at, ...reports.map((x) => x.resolvedAt)].filter((t): t is string => Boolean(t)).sort();
    return {
      // The chair reads every comment's words, hidden or not.
      comment: { ...toCommentView(r.comment, r.delegation, r.authorName), hidden: mark },
      measure: r.measure,
      reports,
      openReports,
      settledAt: openReports > 0 ? null : (settled.at(-1) ?? null),
    };
  });
  const firstOpen = (i: QueueItem) => i.reports.find((r) => r.status === "open")!.createdAt;
  return {
    seq: forum!.seq,
    open: items.filter((i) => i.openReports > 0).sort((a, b) => firstOpen(a).localeCompare(firstOpen(b))),
    settled: items
      .filter((i) => i.openReports === 0)
      .sort((a, b) => (b.settledAt ?? "").localeCompare(a.settledAt ?? ""))
      .slice(0, SETTLED_SHOWN),
  };
}
