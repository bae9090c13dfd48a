import "server-only";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { alternatives, backings, measures, members, positions, users, type Member } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { activeMembers } from "@/lib/access/member";
import { conflict, notFound } from "@/lib/core/errors";
import { requireOpenForum } from "@/lib/access/forum";
import { transact } from "@/lib/live/transact";
import { bumpSeq } from "@/lib/live/sequence";
import { closeFloorRequestsOf } from "./speakers";
import type { changeRoleInput, membershipProfile } from "@/lib/core/validation";
import type { MemberView } from "@/lib/core/views";
import { requireChair, requireMember } from "@/lib/access/member";

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
    .where(activeMembers(forumId))
    .orderBy(asc(members.joinedAt));
  return rows.map((r) => toMemberView(r.member, r.name));
}

async function requireTarget(tx: Tx, forumId: string, memberId: string) {
  const [target] = await tx.select().from(members).where(and(activeMembers(forumId), eq(members.id, memberId)));
  if (!target) throw notFound("Member");
  return target;
}

async function chairCount(tx: Tx, forumId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(activeMembers(forumId), eq(members.role, "chair")));
  return row?.n ?? 0;
}

async function nameOf(tx: Tx, userId: string) {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? "";
}

/** The chair gives a member another role (several chairs make co-chairs). */
export async function changeRole(userId: string, forumId: string, memberId: string, { role }: z.output<typeof changeRoleInput>) {
  return transact({ forumId }, async (tx, announce) => {
    const chair = await requireChair(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const target = await requireTarget(tx, forumId, memberId);
    if (target.role === role) return toMemberView(target, await nameOf(tx, target.userId));
    if (target.role === "chair" && (await chairCount(tx, forumId)) === 1) {
      throw conflict("A forum needs a chair: make another member chair before changing this one.");
    }
    const [updated] = await tx.update(members).set({ role }).where(eq(members.id, target.id)).returning();
    // An observer takes no positions (those on measures still open no longer count) and no floor.
    const withdrawn = role === "observer" ? await withdrawOpenPositions(tx, chair, target) : [];
    if (role === "observer") announce(await closeFloorRequestsOf(tx, target));
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
    announce({ type: "member:changed", forumId, seq, member: view, measureIds: withdrawn.map((w) => w.measureId) });
    return view;
  });
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
  await transact({ forumId }, async (tx, announce) => {
    const chair = await requireChair(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const target = await requireTarget(tx, forumId, memberId);
    if (target.role === "chair" && (await chairCount(tx, forumId)) === 1) {
      throw conflict("A forum needs a chair: make another member chair before removing this one.");
    }
    await tx.update(members).set({ removedAt: new Date() }).where(eq(members.id, target.id));
    const withdrawn = await withdrawOpenPositions(tx, chair, target);
    announce(await closeFloorRequestsOf(tx, target));
    await audit(tx, {
      forumId,
      actor: chair,
      action: "member.removed",
      subjectMemberId: target.id,
      before: { role: target.role, delegation: target.delegation },
      after: { withdrawnPositions: withdrawn.length },
    });
    const seq = await bumpSeq(tx, forumId);
    announce({ type: "member:removed", forumId, seq, memberId: target.id, userId: target.userId, measureIds: withdrawn.map((w) => w.measureId) });
  });
}

/** A member changes their own camp, stakeholder group or delegation name. */
export async function updateProfile(userId: string, forumId: string, data: z.output<typeof membershipProfile>) {
  return transact({ forumId }, async (tx, announce) => {
    const me = await requireMember(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const before = { camp: me.camp, stakeholderGroup: me.stakeholderGroup, delegation: me.delegation };
    if (before.camp === data.camp && before.stakeholderGroup === data.stakeholderGroup && before.delegation === data.delegation) {
      return toMemberView(me, await nameOf(tx, userId));
    }
    const [updated] = await tx.update(members).set(data).where(eq(members.id, me.id)).returning();
    await audit(tx, { forumId, actor: me, action: "member.profile_changed", subjectMemberId: me.id, before, after: data });
    const view = toMemberView(updated!, await nameOf(tx, userId));
    announce({ type: "member:changed", forumId, seq: await bumpSeq(tx, forumId), member: view, measureIds: [] });
    return view;
  });
}

/** The forum's members, for one of them (GET /api/forums/:id/members). */
export async function getMembers(userId: string, forumId: string): Promise<MemberView[]> {
  const db = getDb();
  await requireMember(db, forumId, userId);
  return listMembers(db, forumId);
}
