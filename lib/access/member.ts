import "server-only";
// Who the acting user is in a forum: their membership, and whether it lets them chair. Every
// domain function starts here, so a forum id reveals nothing to a non-member.
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { members, type Member } from "@/db/schema";
import { forbidden, notFound } from "@/lib/core/errors";

export const activeMembers = (forumId: string) => and(eq(members.forumId, forumId), isNull(members.removedAt));

/**
 * The acting user's membership of a forum. A non-member (or removed member) is told the forum
 * does not exist, so forum ids reveal nothing to outsiders.
 */
export async function requireMember(db: Db | Tx, forumId: string, userId: string): Promise<Member> {
  const [member] = await db.select().from(members).where(and(activeMembers(forumId), eq(members.userId, userId)));
  if (!member) throw notFound("Forum");
  return member;
}

export async function requireChair(db: Db | Tx, forumId: string, userId: string): Promise<Member> {
  const member = await requireMember(db, forumId, userId);
  if (member.role !== "chair") throw forbidden("Only the chair can do this.");
  return member;
}

export async function isMember(db: Db | Tx, forumId: string, userId: string) {
  const [row] = await db.select({ id: members.id }).from(members).where(and(activeMembers(forumId), eq(members.userId, userId)));
  return Boolean(row);
}
