import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { members, users, type Member } from "@/db/schema";
import { notFound } from "./errors";
import { uuidParam } from "./validation";
import type { MemberView } from "./views";

/**
 * The acting user's membership of a forum. A non-member is told the forum does not exist, so
 * forum ids reveal nothing to outsiders.
 */
export async function requireMember(db: Db | Tx, forumId: string, userId: string): Promise<Member> {
  if (!uuidParam.safeParse(forumId).success) throw notFound("Forum");
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.forumId, forumId), eq(members.userId, userId)));
  if (!member) throw notFound("Forum");
  return member;
}

export async function isMember(db: Db | Tx, forumId: string, userId: string) {
  if (!uuidParam.safeParse(forumId).success) return false;
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.forumId, forumId), eq(members.userId, userId)));
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
    .where(eq(members.forumId, forumId))
    .orderBy(asc(members.joinedAt));
  return rows.map((r) => toMemberView(r.member, r.name));
}
