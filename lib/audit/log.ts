import "server-only";
// The audit trail: every change of state in a forum appends one row, inside the transaction of
// the change itself, so the log and the data cannot disagree.
import type { Tx } from "@/db/client";
import { auditEvents, type Member } from "@/db/schema";

export type AuditAction =
  | "forum.created"
  | "forum.updated"
  | "forum.closed"
  | "forum.reopened"
  | "forum.join_code_regenerated"
  | "member.joined"
  | "member.role_changed"
  | "member.profile_changed"
  | "member.removed"
  | "measure.proposed"
  | "measure.status_changed"
  | "measure.coauthor_added"
  | "position.taken"
  | "position.changed"
  | "positions.withdrawn"
  | "comment.added"
  | "comment.reported"
  | "comment.hidden"
  | "comment.reports_dismissed"
  | "decision.opened"
  | "decision.closed"
  | "decision.cancelled"
  | "silence.broken"
  | "text.paragraph_edited"
  | "text.alternative_proposed"
  | "text.alternative_backed"
  | "text.alternative_unbacked"
  | "text.alternative_chosen"
  | "text.paragraph_settled"
  | "text.revision_issued"
  | "text.rewritten"
  | "amendment.proposed"
  | "amendment.accepted"
  | "amendment.rejected";

export async function audit(
  tx: Tx,
  entry: {
    forumId: string;
    actor: Pick<Member, "id"> | null;
    action: AuditAction;
    measureId?: string;
    subjectMemberId?: string;
    before?: unknown;
    after?: unknown;
  },
) {
  await tx.insert(auditEvents).values({
    forumId: entry.forumId,
    actorMemberId: entry.actor?.id ?? null,
    action: entry.action,
    measureId: entry.measureId ?? null,
    subjectMemberId: entry.subjectMemberId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
