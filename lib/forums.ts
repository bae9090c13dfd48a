import "server-only";
import { randomInt } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { forums, measures, members, users } from "@/db/schema";
import { conflict, DomainError, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { listMeasureSummaries } from "./measures";
import { listMembers, requireMember, toMemberView } from "./members";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { createForumInput, joinForumInput } from "./validation";
import { toForumView } from "./views";

// No 0/O or 1/I/L: codes are read out loud in meeting rooms.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 8) {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** Creates a forum; its creator becomes the chair. */
export async function createForum(userId: string, input: z.input<typeof createForumInput>) {
  const data = createForumInput.parse(input);
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound("Account");
    const [forum] = await tx
      .insert(forums)
      .values({ title: data.title, description: data.description, joinCode: newJoinCode(), createdBy: userId })
      .returning();
    await tx.insert(members).values({
      forumId: forum!.id,
      userId,
      role: "chair",
      stakeholderGroup: "intergovernmental",
      delegation: "Chair",
      camp: "non_aligned",
    });
    return toForumView(forum!);
  });
}

export async function listForumsOf(userId: string) {
  const rows = await getDb()
    .select({
      forum: forums,
      role: members.role,
      delegation: members.delegation,
      memberCount: sql<number>`(select count(*)::int from ${members} m where m.forum_id = ${forums.id})`,
      measureCount: sql<number>`(select count(*)::int from ${measures} x where x.forum_id = ${forums.id})`,
    })
    .from(members)
    .innerJoin(forums, eq(forums.id, members.forumId))
    .where(eq(members.userId, userId))
    .orderBy(desc(forums.createdAt));
  return rows.map((r) => ({
    ...toForumView(r.forum),
    role: r.role,
    delegation: r.delegation,
    memberCount: r.memberCount,
    measureCount: r.measureCount,
  }));
}

/** What a join page shows before joining: the forum's title, found by its code. */
export async function findForumByCode(code: string) {
  const parsed = joinForumInput.shape.code.safeParse(code);
  if (!parsed.success) return null;
  const [forum] = await getDb().select().from(forums).where(eq(forums.joinCode, parsed.data));
  return forum ? { id: forum.id, title: forum.title, description: forum.description } : null;
}

/** Joins a forum by its code as a delegate. */
export async function joinForum(userId: string, input: z.input<typeof joinForumInput>) {
  const data = joinForumInput.parse(input);
  const { result, event } = await getDb().transaction(async (tx) => {
    const [forum] = await tx.select().from(forums).where(eq(forums.joinCode, data.code));
    if (!forum) throw new DomainError("not_found", "No forum has this join code. Check it with the chair.");
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound("Account");
    const [inserted] = await tx
      .insert(members)
      .values({
        forumId: forum.id,
        userId,
        role: "delegate",
        stakeholderGroup: data.stakeholderGroup,
        delegation: data.delegation,
        camp: data.camp,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) throw conflict("You are already a member of this forum.");
    const view = toMemberView(inserted, user.name);
    const seq = await bumpSeq(tx, forum.id);
    const event: ForumEvent = { type: "member:joined", forumId: forum.id, seq, member: view };
    return { result: { forumId: forum.id, member: view }, event };
  });
  publish(event);
  return result;
}

/** Everything the forum page shows, for a member. */
export async function getForumPage(userId: string, forumId: string) {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  const [membersList, measureList] = await Promise.all([
    listMembers(db, forumId),
    listMeasureSummaries(db, forumId),
  ]);
  return { forum: toForumView(forum), seq: forum.seq, me, members: membersList, measures: measureList };
}
