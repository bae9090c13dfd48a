import "server-only";
// The speakers' list of a forum: members ask for the floor (in general or on a measure), the
// chair gives it in turn, optionally for a limited speaking time that the server ends once,
// whichever instance gets there first. Every change publishes the whole list (it is short), so a
// client only ever needs the latest one.
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { floorRequests, forums, measures, members, type FloorRequest } from "@/db/schema";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import type { ForumEvent } from "@/lib/core/events";
import { requireOpenForum } from "@/lib/access/forum";
import { transact } from "@/lib/live/transact";
import { bumpSeq } from "@/lib/live/sequence";
import type { giveFloorInput, requestFloorInput } from "@/lib/core/validation";
import type { FloorRequestView, SpeakersView } from "@/lib/core/views";
import { requireMeasure } from "@/lib/access/measure";
import { requireMember } from "@/lib/access/member";

const open = sql`${floorRequests.status} in ('waiting', 'speaking')`;
const activeMember = isNull(members.removedAt);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The list as it stands; requests of members no longer in the forum do not count. */
export async function listSpeakers(db: Db | Tx, forumId: string): Promise<SpeakersView> {
  const rows = await db
    .select({ request: floorRequests, member: members, measureTitle: measures.title })
    .from(floorRequests)
    .innerJoin(members, eq(members.id, floorRequests.memberId))
    .leftJoin(measures, eq(measures.id, floorRequests.measureId))
    .where(and(eq(floorRequests.forumId, forumId), open, activeMember))
    .orderBy(asc(floorRequests.requestedAt), asc(floorRequests.id));
  const views = rows.map(({ request: r, member: m, measureTitle }) => ({
    id: r.id,
    memberId: m.id,
    delegation: m.delegation,
    camp: m.camp,
    stakeholderGroup: m.stakeholderGroup,
    measureId: r.measureId,
    measureTitle,
    status: r.status as FloorRequestView["status"],
    requestedAt: r.requestedAt.toISOString(),
    startedAt: iso(r.startedAt),
    endsAt: iso(r.endsAt),
  }));
  const [last] = await db
    .select({ delegation: members.delegation, endedAt: floorRequests.endedAt, endedBy: floorRequests.endedBy })
    .from(floorRequests)
    .innerJoin(members, eq(members.id, floorRequests.memberId))
    .where(and(eq(floorRequests.forumId, forumId), eq(floorRequests.status, "done")))
    .orderBy(desc(floorRequests.endedAt))
    .limit(1);
  return {
    speaker: views.find((v) => v.status === "speaking") ?? null,
    queue: views.filter((v) => v.status === "waiting"),
    lastTurn: last?.endedAt ? { delegation: last.delegation, endedAt: last.endedAt.toISOString(), timeUp: last.endedBy === null } : null,
  };
}

/** The list with the forum's sequence number, read from one snapshot so they agree. */
export async function getSpeakers(userId: string, forumId: string): Promise<SpeakersView & { seq: number }> {
  return getDb().transaction(
    async (tx) => {
      await requireMember(tx, forumId, userId);
      const [forum] = await tx.select({ seq: forums.seq }).from(forums).where(eq(forums.id, forumId));
      return { seq: forum!.seq, ...(await listSpeakers(tx, forumId)) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * Closes a member's open request or turn when they leave the forum or become an observer, who
 * takes no floor. Returns the event to publish, or null when they had nothing open.
 */
export async function closeFloorRequestsOf(tx: Tx, member: { id: string; forumId: string }, now = new Date()) {
  const closed = await tx
    .update(floorRequests)
    .set({ status: "removed", endedAt: now })
    .where(and(eq(floorRequests.memberId, member.id), sql`${floorRequests.status} in ('waiting', 'speaking')`))
    .returning({ id: floorRequests.id });
  return closed.length > 0 ? changed(tx, member.forumId) : null;
}

async function changed(tx: Tx, forumId: string): Promise<Extract<ForumEvent, { type: "speakers:changed" }>> {
  const seq = await bumpSeq(tx, forumId);
  return { type: "speakers:changed", forumId, seq, speakers: await listSpeakers(tx, forumId) };
}

/** A delegate or chair asks for the floor. Asking again with the same clientId changes nothing. */
export async function requestFloor(userId: string, forumId: string, data: z.output<typeof requestFloorInput>) {
  return transact({ forumId }, async (tx, announce) => {
    const member = await requireMember(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    if (member.role === "observer") throw forbidden("Observers follow the debate but do not take the floor.");
    if (data.measureId) {
      const { measure } = await requireMeasure(tx, data.measureId, userId);
      if (measure.forumId !== forumId) throw notFound("Measure");
      if (measure.status === "draft") throw conflict("A draft is not on the agenda yet: ask for the floor on it once it is submitted.");
    }
    const [inserted] = await tx
      .insert(floorRequests)
      .values({ forumId, memberId: member.id, measureId: data.measureId, clientId: data.clientId })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [retried] = await tx
        .select()
        .from(floorRequests)
        .where(and(eq(floorRequests.memberId, member.id), eq(floorRequests.clientId, data.clientId)));
      if (!retried) throw conflict("Your delegation is already on the speakers' list.");
      return { requestId: retried.id, speakers: await listSpeakers(tx, forumId) };
    }
    const event = await changed(tx, forumId);
    announce(event);
    return { requestId: inserted.id, speakers: event.speakers };
  });
}

async function requireRequest(tx: Tx, forumId: string, requestId: string): Promise<FloorRequest> {
  const [request] = await tx
    .select()
    .from(floorRequests)
    .where(and(eq(floorRequests.id, requestId), eq(floorRequests.forumId, forumId)));
  if (!request) throw notFound("Request for the floor");
  return request;
}

/**
 * Takes a request off the list: its member withdraws it (or yields the floor), or the chair
 * removes it (or ends the turn). A request already off the list is left as it is.
 */
export async function withdrawFloorRequest(userId: string, forumId: string, requestId: string): Promise<SpeakersView> {
  return transact({ forumId }, async (tx, announce) => {
    const member = await requireMember(tx, forumId, userId);
    const request = await requireRequest(tx, forumId, requestId);
    const own = request.memberId === member.id;
    if (!own && member.role !== "chair") throw forbidden("Only the chair can take another delegation off the speakers' list.");
    if (request.status !== "waiting" && request.status !== "speaking") {
      return listSpeakers(tx, forumId);
    }
    await requireOpenForum(tx, forumId);
    const status = request.status === "speaking" ? "done" : own ? "withdrawn" : "removed";
    await tx
      .update(floorRequests)
      .set({ status, endedAt: new Date(), endedBy: member.id })
      .where(eq(floorRequests.id, request.id));
    const event = await changed(tx, forumId);
    announce(event);
    return event.speakers;
  });
}

/**
 * The chair gives the floor to a waiting delegation (the first one unless `requestId` says
 * otherwise), for `seconds` or without a limit. Whoever was speaking has finished.
 */
export async function giveFloor(userId: string, forumId: string, data: z.output<typeof giveFloorInput>, now = new Date()) {
  return transact({ forumId }, async (tx, announce) => {
    const chair = await requireMember(tx, forumId, userId);
    if (chair.role !== "chair") throw forbidden("Only the chair gives the floor.");
    await requireOpenForum(tx, forumId);
    const { queue } = await listSpeakers(tx, forumId);
    const next = data.requestId ? queue.find((r) => r.id === data.requestId) : queue[0];
    if (!next) {
      throw conflict(data.requestId ? "This delegation is no longer waiting for the floor." : "Nobody is waiting for the floor.");
    }
    await tx
      .update(floorRequests)
      .set({ status: "done", endedAt: now, endedBy: chair.id })
      .where(and(eq(floorRequests.forumId, forumId), eq(floorRequests.status, "speaking")));
    await tx
      .update(floorRequests)
      .set({
        status: "speaking",
        startedAt: now,
        endsAt: data.seconds === null ? null : new Date(now.getTime() + data.seconds * 1000),
      })
      .where(eq(floorRequests.id, next.id));
    const event = await changed(tx, forumId);
    announce(event);
    return event.speakers;
  });
}

/** The chair ends the current turn without giving the floor to anyone else. */
export async function endTurn(userId: string, forumId: string, now = new Date()) {
  return transact({ forumId }, async (tx, announce) => {
    const chair = await requireMember(tx, forumId, userId);
    if (chair.role !== "chair") throw forbidden("Only the chair ends a turn.");
    await requireOpenForum(tx, forumId);
    const ended = await tx
      .update(floorRequests)
      .set({ status: "done", endedAt: now, endedBy: chair.id })
      .where(and(eq(floorRequests.forumId, forumId), eq(floorRequests.status, "speaking")))
      .returning({ id: floorRequests.id });
    if (ended.length === 0) throw conflict("Nobody has the floor.");
    const event = await changed(tx, forumId);
    announce(event);
    return event.speakers;
  });
}

/**
 * Ends every turn whose speaking time has run out (at start-up and on a timer). The update only
 * matches a turn still running, so when two sweeps or instances race, one ends it and publishes.
 */
export async function settleSpeakingTime(now = new Date()): Promise<number> {
  const due = await getDb()
    .select({ id: floorRequests.id, forumId: floorRequests.forumId })
    .from(floorRequests)
    .where(and(eq(floorRequests.status, "speaking"), lte(floorRequests.endsAt, now)));
  let settled = 0;
  for (const turn of due) {
    const ended = await transact({ forumId: turn.forumId }, async (tx, announce) => {
      const ended = await tx
        .update(floorRequests)
        .set({ status: "done", endedAt: sql`${floorRequests.endsAt}`, endedBy: null })
        .where(and(eq(floorRequests.id, turn.id), eq(floorRequests.status, "speaking"), lte(floorRequests.endsAt, now)))
        .returning({ id: floorRequests.id });
      if (ended.length === 0) return false;
      announce(await changed(tx, turn.forumId));
      return true;
    });
    if (ended) settled += 1;
  }
  return settled;
}

/** Runs the speaking-time sweep every `intervalMs`; returns a stop function. */
export function startSpeakingTimer(intervalMs = 1_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    settleSpeakingTime()
      .catch((error) => console.error("Ending speaking turns failed", error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

