import "server-only";
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { alternatives, backings, measures, members, positions, users, type Member } from "@/db/schema";
import { audit } from "./audit";
import { conflict, forbidden, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { requireOpenForum } from "./forum-state";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { closeFloorRequestsOf } from "./speakers";
import { changeRoleInput, membershipProfile, uuidParam } from "./validation";
import type { MemberView } from "./views";

const active = (forumId: string) => and(eq(members.forumId, forumId), isNull(members.removedAt));

/**
 * The acting user's membership of a forum. A non-member (or removed member) is told the forum
 * does not exist, so forum ids reveal nothing to outsiders.
 */
export async function requireMember(db: Db | Tx, forumId: string, userId: string): Promise<Member> {
  if (!uuidParam.safeParse(forumId).success) throw notFound("Forum");
  const [member] = await db.select().from(members).where(and(active(forumId), eq(members.userId, userId)));
  if (!member) throw notFound("Forum");
  return member;
}

export async function requireChair(db: Db | Tx, forumId: string, userId: string): Promise<Member> {
  const member = await requireMember(db, forumId, userId);
  if (member.role !== "chair") throw forbidden("Only the chair can do this.");
  return member;
}

export async function isMember(db: Db | Tx, forumId: string, userId: string) {
  if (!uuidParam.safeParse(forumId).success) return false;
  const [row] = await db.select({ id: members.id }).from(members).where(and(active(forumId), eq(members.userId, userId)));
  return Boolean(row);
}

export function toMemberView(member: Member, name: string): MemberView {
  return {
    id: member.id,
    userId: member.userId,
    role: member.role,
    stakeholderGroup: member.stakeholderGroup,
    delegation: member.delegation,
    camp: member.camp,
    joinedAt: member.joinedAt.toISOString(),
    name,
  };
}

export async function listMembers(db: Db | Tx, forumId: string): Promise<MemberView[]> {
  const rows = await db
    .select({ member: members, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(active(forumId))
    .orderBy(asc(members.joinedAt));
  return rows.map((r) => toMemberView(r.member, r.name));
}

async function requireTarget(tx: Tx, forumId: string, memberId: string) {
  if (!uuidParam.safeParse(memberId).success) throw notFound("Member");
  const [target] = await tx.select().from(members).where(and(active(forumId), eq(members.id, memberId)));
  if (!target) throw notFound("Member");
  return target;
}

async function chairCount(tx: Tx, forumId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(active(forumId), eq(members.role, "chair")));
  return row?.n ?? 0;
}

async function nameOf(tx: Tx, userId: string) {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? "";
}

/** The chair gives a member another role (several chairs make co-chairs). */
export async function changeRole(userId: string, forumId: string, memberId: string, input: z.input<typeof changeRoleInput>) {
  const { role } = changeRoleInput.parse(input);
  const { view, event, floor } = await getDb().transaction(async (tx) => {
    const chair = await requireChair(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const target = await requireTarget(tx, forumId, memberId);
    if (target.role === role) return { view: toMemberView(target, await nameOf(tx, target.userId)), event: null, floor: null };
    if (target.role === "chair" && (await chairCount(tx, forumId)) === 1) {
      throw conflict("A forum needs a chair: make another member chair before changing this one.");
    }
    const [updated] = await tx.update(members).set({ role }).where(eq(members.id, target.id)).returning();
    // An observer takes no positions (those on measures still open no longer count) and no floor.
    const withdrawn = role === "observer" ? await withdrawOpenPositions(tx, chair, target) : [];
    const floor = role === "observer" ? await closeFloorRequestsOf(tx, target) : null;
    await audit(tx, {
      forumId,
      actor: chair,
      action: "member.role_changed",
      subjectMemberId: target.id,
      before: { role: target.role },
      after: { role },
    });
    const view = toMemberView(updated!, await nameOf(tx, target.userId));
    const seq = await bumpSeq(tx, forumId);
    const event: ForumEvent = { type: "member:changed", forumId, seq, member: view, measureIds: withdrawn.map((w) => w.measureId) };
    return { view, event, floor };
  });
  // In sequence order: the floor closed first, then the role change.
  if (floor) publish(floor);
  if (event) publish(event);
  return view;
}

/**
 * Withdraws a member's positions on measures not yet decided (decided ones stay on record) and
 * their backing of alternatives still open, logging each position; returns the positions.
 */
async function withdrawOpenPositions(tx: Tx, actor: Member, target: Member) {
  const undecided = tx
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.forumId, target.forumId), notInArray(measures.status, ["adopted", "not_adopted"])));
  const withdrawn = await tx
    .delete(positions)
    .where(and(eq(positions.memberId, target.id), inArray(positions.measureId, undecided)))
    .returning({ measureId: positions.measureId, stance: positions.stance });
  // Their backing of wording still under negotiation goes too.
  const openAlternatives = tx
    .select({ id: alternatives.id })
    .from(alternatives)
    .where(and(eq(alternatives.status, "open"), inArray(alternatives.measureId, undecided)));
  await tx.delete(backings).where(and(eq(backings.memberId, target.id), inArray(backings.alternativeId, openAlternatives)));
  for (const w of withdrawn) {
    await audit(tx, {
      forumId: target.forumId,
      actor,
      action: "positions.withdrawn",
      measureId: w.measureId,
      subjectMemberId: target.id,
      before: { stance: w.stance },
    });
  }
  return withdrawn;
}

/**
 * The chair removes a member. Their comments stay on record, and so do positions on measures
 * already decided; positions on measures still open are withdrawn, since the member no longer
 * takes part.
 */
export async function removeMember(userId: string, forumId: string, memberId: string) {
  const { events } = await getDb().transaction(async (tx) => {
    const chair = await requireChair(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const target = await requireTarget(tx, forumId, memberId);
    if (target.role === "chair" && (await chairCount(tx, forumId)) === 1) {
      throw conflict("A forum needs a chair: make another member chair before removing this one.");
    }
    await tx.update(members).set({ removedAt: new Date() }).where(eq(members.id, target.id));
    const withdrawn = await withdrawOpenPositions(tx, chair, target);
    const floor = await closeFloorRequestsOf(tx, target);
    await audit(tx, {
      forumId,
      actor: chair,
      action: "member.removed",
      subjectMemberId: target.id,
      before: { role: target.role, delegation: target.delegation },
      after: { withdrawnPositions: withdrawn.length },
    });
    const seq = await bumpSeq(tx, forumId);
    // In sequence order: the floor closed first, then the removal.
    const events: ForumEvent[] = [
      ...(floor ? [floor] : []),
      { type: "member:removed", forumId, seq, memberId: target.id, userId: target.userId, measureIds: withdrawn.map((w) => w.measureId) },
    ];
    return { events };
  });
  for (const e of events) publish(e);
}

/** A member changes their own camp, stakeholder group or delegation name. */
export async function updateProfile(userId: string, forumId: string, input: z.input<typeof membershipProfile>) {
  const data = membershipProfile.parse(input);
  const { view, event } = await getDb().transaction(async (tx) => {
    const me = await requireMember(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const before = { camp: me.camp, stakeholderGroup: me.stakeholderGroup, delegation: me.delegation };
    if (before.camp === data.camp && before.stakeholderGroup === data.stakeholderGroup && before.delegation === data.delegation) {
      return { view: toMemberView(me, await nameOf(tx, userId)), event: null };
    }
    const [updated] = await tx.update(members).set(data).where(eq(members.id, me.id)).returning();
    await audit(tx, { forumId, actor: me, action: "member.profile_changed", subjectMemberId: me.id, before, after: data });
    const view = toMemberView(updated!, await nameOf(tx, userId));
    const seq = await bumpSeq(tx, forumId);
    return { view, event: { type: "member:changed", forumId, seq, member: view, measureIds: [] } satisfies ForumEvent };
  });
  if (event) publish(event);
  return view;
}
