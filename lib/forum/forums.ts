import "server-only";
import { randomInt } from "node:crypto";
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { forums, measures, members, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { conflict, DomainError, notFound } from "@/lib/core/errors";
import type { AgendaQuery } from "@/lib/core/agenda";
import { listMembers, toMemberView } from "./members";
import { requireOpenForum } from "@/lib/access/forum";
import { transact } from "@/lib/live/transact";
import { bumpSeq } from "@/lib/live/sequence";
import type { createForumInput, joinForumInput, updateForumInput } from "@/lib/core/validation";
import { toForumView } from "@/lib/core/views";
import { isMember, requireChair, requireMember } from "@/lib/access/member";
import { listAgendaPage, listMeasureSummaries } from "@/lib/measure/queries";

// No 0/O or 1/I/L: codes are read out loud in meeting rooms.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 8) {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

async function nameOf(tx: Tx, userId: string) {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound("Account");
  return user.name;
}

/** Creates a forum; its creator becomes the chair. */
export async function createForum(userId: string, data: z.output<typeof createForumInput>) {
  return transact(null, async (tx) => {
    await nameOf(tx, userId);
    const [forum] = await tx
      .insert(forums)
      .values({ title: data.title, description: data.description, joinCode: newJoinCode(), createdBy: userId })
      .returning();
    const [chair] = await tx
      .insert(members)
      .values({
        forumId: forum!.id,
        userId,
        role: "chair",
        stakeholderGroup: "intergovernmental",
        delegation: "Chair",
        camp: "non_aligned",
      })
      .returning();
    await audit(tx, { forumId: forum!.id, actor: chair!, action: "forum.created", after: { title: data.title } });
    return toForumView(forum!);
  });
}

export async function listForumsOf(userId: string) {
  const rows = await getDb()
    .select({
      forum: forums,
      role: members.role,
      delegation: members.delegation,
      memberCount: sql<number>`(select count(*)::int from ${members} m where m.forum_id = ${forums.id} and m.removed_at is null)`,
      measureCount: sql<number>`(select count(*)::int from ${measures} x where x.forum_id = ${forums.id} and x.status <> 'draft')`,
    })
    .from(members)
    .innerJoin(forums, eq(forums.id, members.forumId))
    .where(and(eq(members.userId, userId), isNull(members.removedAt)))
    .orderBy(desc(forums.createdAt));
  return rows.map((r) => ({
    ...toForumView(r.forum),
    role: r.role,
    delegation: r.delegation,
    memberCount: r.memberCount,
    measureCount: r.measureCount,
  }));
}

/** What a join page shows before joining: the forum's title, found by its code, and whether `userId` is in it already. */
export async function findForumByCode(userId: string, code: string) {
  const [forum] = await getDb().select().from(forums).where(eq(forums.joinCode, code));
  if (!forum) return null;
  return { id: forum.id, title: forum.title, description: forum.description, status: forum.status, isMember: await isMember(getDb(), forum.id, userId) };
}

/** Joins a forum by its code as a delegate (a removed member may come back the same way). */
export async function joinForum(userId: string, data: z.output<typeof joinForumInput>) {
  return transact({ joinCode: data.code }, async (tx, announce) => {
    const [forum] = await tx.select().from(forums).where(eq(forums.joinCode, data.code));
    if (!forum) throw new DomainError("not_found", "No forum has this join code. Check it with the chair.");
    if (forum.status === "closed") throw conflict("This forum is closed to new members.");
    const name = await nameOf(tx, userId);
    const profile = { stakeholderGroup: data.stakeholderGroup, delegation: data.delegation, camp: data.camp };
    const [inserted] = await tx
      .insert(members)
      .values({ forumId: forum.id, userId, role: "delegate", ...profile })
      .onConflictDoUpdate({
        target: [members.forumId, members.userId],
        set: { ...profile, role: "delegate", removedAt: null, joinedAt: new Date() },
        setWhere: isNotNull(members.removedAt),
      })
      .returning();
    if (!inserted) throw conflict("You are already a member of this forum.");
    await audit(tx, { forumId: forum.id, actor: inserted, action: "member.joined", subjectMemberId: inserted.id, after: profile });
    const view = toMemberView(inserted, name);
    announce({ type: "member:joined", forumId: forum.id, seq: await bumpSeq(tx, forum.id), member: view });
    return { forumId: forum.id, member: view };
  });
}

/** The chair changes the forum's title, description, status (open/closed) or default rule. */
export async function updateForum(userId: string, forumId: string, data: z.output<typeof updateForumInput>) {
  return transact({ forumId }, async (tx, announce) => {
    const chair = await requireChair(tx, forumId, userId);
    const [before] = await tx.select().from(forums).where(eq(forums.id, forumId));
    if (before!.status === "closed" && data.status !== "open") {
      throw conflict("This forum is closed: reopen it before changing anything else.");
    }
    const [after] = await tx.update(forums).set(data).where(eq(forums.id, forumId)).returning();
    const changed = Object.fromEntries(
      Object.keys(data).map((k) => [k, before![k as keyof typeof data]]),
    );
    const action =
      data.status && data.status !== before!.status ? (data.status === "closed" ? "forum.closed" : "forum.reopened") : "forum.updated";
    await audit(tx, { forumId, actor: chair, action, before: changed, after: data });
    const forum = toForumView(after!);
    announce({ type: "forum:changed", forumId, seq: await bumpSeq(tx, forumId), forum });
    return forum;
  });
}

/** The chair replaces the join code; the old one stops working at once. */
export async function regenerateJoinCode(userId: string, forumId: string) {
  return transact({ forumId }, async (tx, announce) => {
    const chair = await requireChair(tx, forumId, userId);
    await requireOpenForum(tx, forumId);
    const [after] = await tx.update(forums).set({ joinCode: newJoinCode() }).where(eq(forums.id, forumId)).returning();
    // The codes themselves stay out of the log: a former member reading an export learns none.
    await audit(tx, { forumId, actor: chair, action: "forum.join_code_regenerated" });
    const forum = toForumView(after!);
    announce({ type: "forum:changed", forumId, seq: await bumpSeq(tx, forumId), forum });
    return forum;
  });
}

/** The forum, the caller's membership and the members: for pages that show no measures. */
export async function getForumFrame(userId: string, forumId: string) {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const [[forum], membersList] = await Promise.all([db.select().from(forums).where(eq(forums.id, forumId)), listMembers(db, forumId)]);
  if (!forum) throw notFound("Forum");
  return { forum: toForumView(forum), seq: forum.seq, me, members: membersList };
}

/** The forum with every measure it shows `userId` (GET /api/forums/:id). */
export async function getForumPage(userId: string, forumId: string) {
  const frame = await getForumFrame(userId, forumId);
  return { ...frame, measures: await listMeasureSummaries(getDb(), forumId, frame.me) };
}

/** What the forum page shows, for a member: the forum and one page of its agenda. */
export async function getForumAgendaPage(userId: string, forumId: string, query: AgendaQuery) {
  const frame = await getForumFrame(userId, forumId);
  return { ...frame, agenda: await listAgendaPage(getDb(), forumId, frame.me, query) };
}
