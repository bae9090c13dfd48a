import "server-only";
// The audit trail: every change of state in a forum appends one row, inside the transaction of
// the change itself, so the log and the data cannot disagree.
import { and, desc, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { auditEvents, measureAuthors, measures, members, positions, type Member } from "@/db/schema";
import { toCsv } from "./csv";
import { forbidden } from "./errors";
import { requireMember } from "./members";

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

const actor = alias(members, "actor");
const subject = alias(members, "subject");

export type AuditEntry = {
  id: number;
  at: string;
  action: string;
  actor: string;
  measureId: string | null;
  measureTitle: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
};

async function readAudit(forumId: string, opts: { measureId?: string; beforeId?: number; limit: number; viewer?: Member }) {
  const rows = await getDb()
    .select({
      event: auditEvents,
      actor: actor.delegation,
      subject: subject.delegation,
      measureTitle: measures.title,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorMemberId))
    .leftJoin(subject, eq(subject.id, auditEvents.subjectMemberId))
    .leftJoin(measures, eq(measures.id, auditEvents.measureId))
    .where(
      and(
        eq(auditEvents.forumId, forumId),
        opts.measureId
          ? or(
              eq(auditEvents.measureId, opts.measureId),
              // A camp change of a member who holds a position here belongs to this history too.
              and(
                eq(auditEvents.action, "member.profile_changed"),
                inArray(
                  auditEvents.subjectMemberId,
                  getDb().select({ id: positions.memberId }).from(positions).where(eq(positions.measureId, opts.measureId)),
                ),
              ),
            )
          : undefined,
        opts.beforeId ? lt(auditEvents.id, opts.beforeId) : undefined,
        // Drafts are their authors' business, in the log as everywhere else.
        opts.viewer
          ? or(
              isNull(auditEvents.measureId),
              ne(measures.status, "draft"),
              inArray(
                auditEvents.measureId,
                getDb().select({ id: measureAuthors.measureId }).from(measureAuthors).where(eq(measureAuthors.memberId, opts.viewer.id)),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit);
  return rows.map(
    (r): AuditEntry => ({
      id: r.event.id,
      at: r.event.createdAt.toISOString(),
      action: r.event.action,
      actor: r.actor ?? "System",
      measureId: r.event.measureId,
      measureTitle: r.measureTitle,
      subject: r.subject,
      before: r.event.before,
      after: r.event.after,
    }),
  );
}

/** The forum's audit log, newest first, for any member. */
export async function listAudit(userId: string, forumId: string, opts: { beforeId?: number; limit?: number } = {}) {
  const viewer = await requireMember(getDb(), forumId, userId);
  return readAudit(forumId, { beforeId: opts.beforeId, limit: Math.min(opts.limit ?? 100, 500), viewer });
}

/** A measure's own entries (status, decisions, positions), newest first. */
export async function measureHistory(forumId: string, measureId: string) {
  return readAudit(forumId, { measureId, limit: 200 });
}

/** The whole audit log as CSV, oldest first; chairs only. */
export async function auditCsv(userId: string, forumId: string): Promise<string> {
  const me = await requireMember(getDb(), forumId, userId);
  if (me.role !== "chair") throw forbidden("Only the chair can download the audit log.");
  const entries = (await readAudit(forumId, { limit: 1_000_000, viewer: me })).reverse();
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return toCsv(
    ["id", "time", "actor", "action", "measure", "member", "before", "after"] as const,
    entries.map((e) => ({
      id: e.id,
      time: e.at,
      actor: e.actor,
      action: e.action,
      measure: e.measureTitle,
      member: e.subject,
      before: json(e.before),
      after: json(e.after),
    })),
  );
}
