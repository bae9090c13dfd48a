import "server-only";
// Deciding on a measure: the chair opens a decision under a rule (the forum's default or an
// override), delegates take positions or — under the silence procedure — object, and the
// decision closes by the chair's hand or at its deadline. On closing, the outcome, the rule, the
// tally and the reasons are frozen on the decision row.
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { decisions, measures, members, objections, positions, type Decision } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { bridgingScore } from "@/lib/core/bridging";
import { evaluateDecision, type Verdict } from "@/lib/core/decision-rules";
import { conflict, DomainError, forbidden } from "@/lib/core/errors";
import { requireOpenForum } from "@/lib/access/forum";
import { checkTransition } from "@/lib/core/lifecycle";
import { transact } from "@/lib/live/transact";
import type { objectionInput, openDecisionInput } from "@/lib/core/validation";
import { moversFor, requireMeasure } from "@/lib/access/measure";
import { listObjections } from "./queries";
import { measureChanged } from "./commands";
import { tallyOf } from "./tallies";

async function openDecisionOf(tx: Tx, measureId: string): Promise<Decision | null> {
  const [d] = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.measureId, measureId), isNull(decisions.closedAt)));
  return d ?? null;
}

/** The chair opens a decision on a measure under discussion. */
export async function openDecision(userId: string, measureId: string, data: z.output<typeof openDecisionInput>, now = new Date()) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    const forum = await requireOpenForum(tx, measure.forumId);
    const check = checkTransition(measure.status, "in_decision", await moversFor(tx, measure, member));
    if (!check.ok) throw check.reason === "forbidden" ? forbidden(check.message) : conflict(check.message);

    const rule = data.rule ?? forum.defaultRule;
    const deadline = data.deadline ? new Date(data.deadline) : data.minutes ? new Date(now.getTime() + data.minutes * 60_000) : null;
    if (deadline && deadline <= now) throw new DomainError("invalid", "The deadline must be in the future.");
    if (rule === "silence" && !deadline) {
      throw new DomainError("invalid", "A silence procedure needs a deadline: set one, in minutes or as a date.");
    }
    const [decision] = await tx
      .insert(decisions)
      .values({
        measureId,
        forumId: measure.forumId,
        rule,
        quorum: data.quorum === undefined ? forum.defaultQuorum : data.quorum,
        crossCampMin: data.crossCampMin ?? forum.defaultCrossCampMin,
        openedBy: member.id,
        openedAt: now,
        deadline,
      })
      .returning();
    await tx.update(measures).set({ status: "in_decision" }).where(eq(measures.id, measureId));
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: "decision.opened",
      measureId,
      before: { status: measure.status },
      after: {
        status: "in_decision",
        rule,
        quorum: decision!.quorum,
        crossCampMin: decision!.crossCampMin,
        deadline: deadline?.toISOString() ?? null,
      },
    });
    const event = await measureChanged(tx, measure);
    announce(event);
    return event.measure;
  });
}

/** What the decision's rule says about the measure as it stands. */
export async function currentVerdict(tx: Tx, decision: Decision): Promise<Verdict> {
  const tally = await tallyOf(tx, decision.measureId);
  const objectionCount = (await listObjections(tx, decision)).length;
  return evaluateDecision(decision, tally, objectionCount);
}

/**
 * Closes an open decision, freezing outcome, tally and reasons. `closer` null is the system
 * (a deadline). Only the transaction that actually closes the row continues, so a deadline
 * settled by two sweeps or instances at once closes it once.
 */
async function close(tx: Tx, decision: Decision, closer: { id: string } | null, now: Date) {
  // The caller holds the forum's lock (transact): positions being written to this forum commit
  // before the tally is frozen, or wait until after.
  const [measure] = await tx.select().from(measures).where(eq(measures.id, decision.measureId));
  const tally = await tallyOf(tx, decision.measureId);
  const objectionList = await listObjections(tx, decision);
  const verdict = evaluateDecision(decision, tally, objectionList.length);
  // Under consensus the objections are the oppose positions, with their rationales.
  const opposing =
    decision.rule === "consensus"
      ? await tx
          .select({ delegation: members.delegation, camp: positions.camp, reason: positions.rationale })
          .from(positions)
          .innerJoin(members, eq(members.id, positions.memberId))
          .where(and(eq(positions.measureId, decision.measureId), eq(positions.stance, "oppose")))
          .orderBy(asc(members.delegation))
      : objectionList.map((o) => ({ delegation: o.delegation, camp: o.camp, reason: o.reason }));
  const outcome = verdict.passes ? "adopted" : "not_adopted";
  const [closed] = await tx
    .update(decisions)
    .set({
      closedAt: now,
      closedBy: closer?.id ?? null,
      outcome,
      finalTally: tally,
      finalVerdict: { ...verdict, headline: verdict.passes ? "Adopted" : "Not adopted" },
      finalObjections: opposing,
    })
    .where(and(eq(decisions.id, decision.id), isNull(decisions.closedAt)))
    .returning();
  if (!closed) return null;
  await tx.update(measures).set({ status: outcome }).where(eq(measures.id, decision.measureId));
  await audit(tx, {
    forumId: decision.forumId,
    actor: closer,
    action: "decision.closed",
    measureId: decision.measureId,
    before: { status: "in_decision" },
    after: { status: outcome, rule: decision.rule, tally: tally.byCamp, reasons: verdict.reasons },
  });
  return measureChanged(tx, measure!);
}

/** The chair closes the open decision now and the rule decides the outcome. */
export async function closeDecision(userId: string, measureId: string, now = new Date()) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    await requireOpenForum(tx, measure.forumId);
    if (member.role !== "chair") throw forbidden("Only the chair can close a decision.");
    const decision = await openDecisionOf(tx, measureId);
    if (!decision || measure.status !== "in_decision") throw conflict("This measure has no open decision.");
    const event = await close(tx, decision, member, now);
    if (!event) throw conflict("This decision has just been closed.");
    announce(event);
    return event.measure;
  });
}

/** Settles every open decision whose deadline has passed (at start-up and on a timer). */
export async function settleDueDecisions(now = new Date()): Promise<number> {
  const due = await getDb()
    .select()
    .from(decisions)
    .where(and(isNull(decisions.closedAt), lte(decisions.deadline, now)));
  let settled = 0;
  for (const decision of due) {
    const closed = await transact({ forumId: decision.forumId }, async (tx, announce) => {
      const event = await close(tx, decision, null, now);
      announce(event);
      return event !== null;
    });
    if (closed) settled += 1;
  }
  return settled;
}

/** A delegate breaks silence: an objection with a stated reason, before the deadline. */
export async function objectToSilence(userId: string, measureId: string, { reason }: z.output<typeof objectionInput>, now = new Date()) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    await requireOpenForum(tx, measure.forumId);
    if (member.role === "observer") throw forbidden("Observers cannot break silence.");
    const decision = await openDecisionOf(tx, measureId);
    if (!decision || decision.rule !== "silence") throw conflict("This measure is not under a silence procedure.");
    if (decision.deadline && decision.deadline <= now) throw conflict("The silence procedure has ended.");
    const [added] = await tx
      .insert(objections)
      .values({ decisionId: decision.id, memberId: member.id, reason, camp: member.camp })
      .onConflictDoNothing()
      .returning();
    if (!added) throw conflict("Your delegation has already broken silence on this measure.");
    await audit(tx, { forumId: measure.forumId, actor: member, action: "silence.broken", measureId, after: { reason } });
    const event = await measureChanged(tx, measure);
    announce(event);
    return event.measure;
  });
}

/** Runs the deadline sweep every `intervalMs`; returns a stop function. */
export function startDeadlineTimer(intervalMs = 1_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    settleDueDecisions()
      .catch((error) => console.error("Settling due decisions failed", error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A measure's tally with its bridging score and, while a decision is open, the live verdict. */
export async function getMeasureTally(userId: string, measureId: string) {
  return getDb().transaction(async (tx) => {
    const { measure } = await requireMeasure(tx, measureId, userId);
    const tally = await tallyOf(tx, measure.id);
    const decision = await openDecisionOf(tx, measure.id);
    return {
      measureId,
      status: measure.status,
      tally,
      bridging: bridgingScore(tally),
      verdict: decision ? await currentVerdict(tx, decision) : null,
    };
  });
}
