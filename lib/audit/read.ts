import "server-only";
// Reading the audit trail: the forum's log for its members, a measure's history, and the chair's
// CSV download. Drafts stay their authors' business here as everywhere else.
import { and, desc, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { auditEvents, measureAuthors, measures, members, positions, type Member } from "@/db/schema";
import { requireMember } from "@/lib/access/member";
import { toCsv } from "@/lib/core/csv";
import { forbidden } from "@/lib/core/errors";
import { type AuditEntry } from "@/lib/core/views";

const actor = alias(members, "actor");
const subject = alias(members, "subject");

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
