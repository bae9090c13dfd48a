import "server-only";
// Changing a measure: proposing it, moving it along its lifecycle (lib/core/lifecycle.ts), and
// adding co-authors. Opening and closing decisions are lib/measure/decisions.ts.
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { decisions, measureAuthors, measures, members, type Measure } from "@/db/schema";
import { requireOpenForum } from "@/lib/access/forum";
import { isAuthor, moversFor, requireMeasure } from "@/lib/access/measure";
import { requireMember } from "@/lib/access/member";
import { audit } from "@/lib/audit/log";
import { conflict, DomainError, forbidden, notFound } from "@/lib/core/errors";
import type { ForumEvent } from "@/lib/core/events";
import { checkTransition } from "@/lib/core/lifecycle";
import { emptyTally } from "@/lib/core/tallies";
import type { changeStatusInput, coauthorInput, proposeMeasureInput } from "@/lib/core/validation";
import type { MeasureSummary } from "@/lib/core/views";
import { bumpSeq } from "@/lib/live/sequence";
import { transact } from "@/lib/live/transact";
import { initText } from "@/lib/text/paragraphs";
import { toSummary } from "./queries";
import { summaryOf } from "./queries";

/** A member proposes a measure, published for discussion or kept as a draft. Observers cannot. */
export async function proposeMeasure(
  userId: string,
  forumId: string,
  data: z.output<typeof proposeMeasureInput>,
): Promise<MeasureSummary> {
  return transact({ forumId }, async (tx, announce) => {
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
    if (!data.draft) announce({ type: "measure:proposed", forumId, seq: await bumpSeq(tx, forumId), measure: summary });
    return summary;
  });
}

/**
 * Moves a measure along its lifecycle (submit a draft, withdraw, return to discussion, cancel
 * a decision). Opening and closing decisions go through lib/measure/decisions.ts.
 */
export async function changeStatus(userId: string, measureId: string, { to }: z.output<typeof changeStatusInput>) {
  if (to === "in_decision" || to === "adopted" || to === "not_adopted") {
    throw new DomainError("invalid", "Open or close a decision to change this status (POST …/decision).");
  }
  return transact({ measureId }, async (tx, announce) => {
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
    // A draft's events stay private: the room learns of it when it is submitted.
    if (to !== "draft") announce(event);
    return event.measure;
  });
}

/** The event of a change the room must re-read a measure for: the forum's next seq, and the measure as it now stands. */
export async function measureChanged(tx: Tx, measure: Pick<Measure, "id" | "forumId">): Promise<Extract<ForumEvent, { type: "measure:changed" }>> {
  // The seq first: its lock on the forum's row makes the summary include every earlier write.
  const seq = await bumpSeq(tx, measure.forumId);
  return { type: "measure:changed", forumId: measure.forumId, seq, measure: await summaryOf(tx, measure.id) };
}

/** An author makes another member of the forum a co-author. */
export async function addCoauthor(userId: string, measureId: string, { memberId }: z.output<typeof coauthorInput>) {
  await transact({ measureId }, async (tx, announce) => {
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
    if (measure.status !== "draft") announce(await measureChanged(tx, measure));
  });
}
