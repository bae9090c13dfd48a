import "server-only";
// Moderation: any member reports a comment to the chair with a reason; the chair hides it with a
// reason everyone sees in its place, or dismisses its reports. Each step is one write under the
// forum's lock (transact), logged, and announced to the room without the comment's words.
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { commentReports, comments, hiddenComments, members, type Comment, type Measure, type Member } from "@/db/schema";
import { requireOpenForum } from "@/lib/access/forum";
import { requireMeasure } from "@/lib/access/measure";
import { audit } from "@/lib/audit/log";
import { conflict, DomainError, forbidden, notFound } from "@/lib/core/errors";
import type { ModerationStep } from "@/lib/core/moderation";
import type { dismissReportsInput, hideCommentInput, reportCommentInput } from "@/lib/core/validation";
import type { HiddenMark, ReportView } from "@/lib/core/views";
import { bumpSeq } from "@/lib/live/sequence";
import { transact, type Announce } from "@/lib/live/transact";

/**
 * A comment and the acting user's membership of its forum. A comment the user cannot see (another
 * forum's, or on a draft they do not author) is "not found", as its measure would be.
 */
export async function requireComment(tx: Tx, commentId: string, userId: string): Promise<{ comment: Comment; measure: Measure; member: Member }> {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) throw notFound("Comment");
  const { measure, member } = await requireMeasure(tx, comment.measureId, userId).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === "not_found" ? notFound("Comment") : error;
  });
  return { comment, measure, member };
}

/** The delegation a member speaks for, as pages name them. */
export async function delegationOf(tx: Tx, memberId: string): Promise<string> {
  const [row] = await tx.select({ delegation: members.delegation }).from(members).where(eq(members.id, memberId));
  return row?.delegation ?? "";
}

// A draft and its comments are its authors' business: the chair does not see them, so nothing on
// a draft can be put before the chair. Once submitted for discussion, its comments can be.
function refuseDraft(measure: Measure) {
  if (measure.status === "draft") {
    throw conflict("Comments on a draft are its authors' business: they can be reported and moderated once the measure is submitted for discussion.");
  }
}

async function announceStep(tx: Tx, announce: Announce, measure: Measure, comment: Comment, step: ModerationStep) {
  announce({
    type: "comment:moderated",
    forumId: measure.forumId,
    seq: await bumpSeq(tx, measure.forumId),
    measureId: measure.id,
    commentId: comment.id,
    author: await delegationOf(tx, comment.memberId),
    step,
  });
}

/**
 * A member reports a comment to the chair. Once per member and comment: a second report is
 * refused, as is a report of one's own comment (it asks the chair to judge someone else's words)
 * or of a comment the chair has already hidden.
 */
export async function reportComment(userId: string, commentId: string, data: z.output<typeof reportCommentInput>): Promise<ReportView> {
  return transact({ commentId }, async (tx, announce) => {
    const { comment, measure, member } = await requireComment(tx, commentId, userId);
    await requireOpenForum(tx, measure.forumId);
    refuseDraft(measure);
    if (comment.memberId === member.id) {
      throw forbidden("You cannot report your own comment: a report asks the chair to judge someone else's words. To take yours back, post a correction, or ask the chair to hide it.");
    }
    const [hidden] = await tx.select().from(hiddenComments).where(eq(hiddenComments.commentId, commentId));
    if (hidden) throw conflict(`This comment is already hidden by the chair (“${hidden.reason}”).`);
    const [report] = await tx
      .insert(commentReports)
      .values({ commentId, forumId: measure.forumId, reporterId: member.id, reason: data.reason })
      .onConflictDoNothing()
      .returning();
    if (!report) {
      const [earlier] = await tx
        .select({ status: commentReports.status })
        .from(commentReports)
        .where(and(eq(commentReports.commentId, commentId), eq(commentReports.reporterId, member.id)));
      throw conflict(
        earlier?.status === "dismissed"
          ? "You have already reported this comment, and the chair dismissed the report: a member reports a comment once."
          : "You have already reported this comment: your report is with the chair. A member reports a comment once.",
      );
    }
    const view: ReportView = {
      id: report.id,
      commentId,
      memberId: member.id,
      delegation: member.delegation,
      reason: report.reason,
      status: report.status,
      createdAt: report.createdAt.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
      note: null,
    };
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "comment.reported",
      measureId: measure.id,
      subjectMemberId: comment.memberId,
      after: { commentId, reportId: report.id, reason: report.reason },
    });
    await announceStep(tx, announce, measure, comment, { kind: "reported", report: view });
    return view;
  });
}

async function requireChairOver(tx: Tx, commentId: string, userId: string, refusal: string) {
  const found = await requireComment(tx, commentId, userId);
  if (found.member.role !== "chair") throw forbidden(refusal);
  await requireOpenForum(tx, found.measure.forumId);
  refuseDraft(found.measure);
  return found;
}

/**
 * The chair hides a comment, reported or not, with a reason: everyone then sees the reason in its
 * place, and only the chair and its author its words. Its open reports are upheld. A comment is
 * hidden once: a second hide (another chair at the same moment) is refused with the first reason.
 */
export async function hideComment(
  userId: string,
  commentId: string,
  data: z.output<typeof hideCommentInput>,
): Promise<{ commentId: string; measureId: string; hidden: HiddenMark; reportsUpheld: number }> {
  return transact({ commentId }, async (tx, announce) => {
    const { comment, measure, member } = await requireChairOver(tx, commentId, userId, "Only the chair can hide a comment.");
    const [row] = await tx.insert(hiddenComments).values({ commentId, hiddenBy: member.id, reason: data.reason }).onConflictDoNothing().returning();
    if (!row) {
      const [earlier] = await tx.select().from(hiddenComments).where(eq(hiddenComments.commentId, commentId));
      throw conflict(`This comment is already hidden by the chair (“${earlier?.reason}”).`);
    }
    const upheld = await tx
      .update(commentReports)
      .set({ status: "upheld", resolvedAt: row.hiddenAt, resolvedBy: member.id })
      .where(and(eq(commentReports.commentId, commentId), eq(commentReports.status, "open")))
      .returning({ id: commentReports.id });
    const hidden: HiddenMark = { reason: row.reason, at: row.hiddenAt.toISOString(), by: member.delegation };
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "comment.hidden",
      measureId: measure.id,
      subjectMemberId: comment.memberId,
      after: { commentId, reason: row.reason, reports: upheld.length },
    });
    await announceStep(tx, announce, measure, comment, { kind: "hidden", hidden, reports: upheld.length });
    return { commentId, measureId: measure.id, hidden, reportsUpheld: upheld.length };
  });
}

/** The chair lets a reported comment stand: its open reports are dismissed, with an optional reason. */
export async function dismissReports(
  userId: string,
  commentId: string,
  data: z.output<typeof dismissReportsInput>,
): Promise<{ commentId: string; measureId: string; reportsDismissed: number }> {
  return transact({ commentId }, async (tx, announce) => {
    const { comment, measure, member } = await requireChairOver(tx, commentId, userId, "Only the chair can dismiss reports.");
    const dismissed = await tx
      .update(commentReports)
      .set({ status: "dismissed", resolvedAt: sql`now()`, resolvedBy: member.id, resolutionNote: data.reason })
      .where(and(eq(commentReports.commentId, commentId), eq(commentReports.status, "open")))
      .returning({ resolvedAt: commentReports.resolvedAt });
    if (dismissed.length === 0) {
      const [hidden] = await tx.select().from(hiddenComments).where(eq(hiddenComments.commentId, commentId));
      throw conflict(
        hidden
          ? `There is no open report on this comment to dismiss: the chair has hidden it (“${hidden.reason}”).`
          : "There is no open report on this comment to dismiss.",
      );
    }
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "comment.reports_dismissed",
      measureId: measure.id,
      subjectMemberId: comment.memberId,
      after: { commentId, reason: data.reason, reports: dismissed.length },
    });
    const at = dismissed[0]!.resolvedAt!.toISOString();
    await announceStep(tx, announce, measure, comment, { kind: "dismissed", by: member.delegation, at, reason: data.reason, reports: dismissed.length });
    return { commentId, measureId: measure.id, reportsDismissed: dismissed.length };
  });
}
