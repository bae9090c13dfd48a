// The integration suite of the domain functions, run against PGlite and (when configured)
// PostgreSQL by the two *.test.ts files beside it.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb, type Database } from "@/db/client";
import { withDatabase } from "./databases";
import { comments, forums, measures, members, positions, users } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { getForumPage, listForumsOf } from "@/lib/forum/forums";
import { authenticate, registerUser } from "@/lib/auth/users";
import { limits } from "@/lib/core/limits";
import { addMember, newForum, newUser } from "./world";
import { getMeasurePage } from "@/lib/measure/page";
import { addComment, joinForum, takePosition, proposeMeasure } from "./edge";

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? e.code : e instanceof ZodError ? "invalid_input" : String(e)),
  );

async function countRows(table: typeof measures | typeof positions | typeof comments | typeof members) {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

async function seqOf(forumId: string) {
  const [row] = await getDb().select({ seq: forums.seq }).from(forums).where(eq(forums.id, forumId));
  return row!.seq;
}

const measureInput = { title: "Points of contact", kind: "cbm" as const, text: "Each state names a **point of contact**." };

export function domainSuite(open: () => Promise<Database>) {
  withDatabase(open);

  describe("accounts", () => {
    it("registers a user and stores only a hash of the password", async () => {
      const user = await registerUser({ name: "Ana", email: "Ana@Example.org", password: "s3cret-enough" });
      const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
      expect(row!.passwordHash).not.toContain("s3cret-enough");
      expect(row!.passwordHash.startsWith("scrypt$")).toBe(true);
    });

    it("refuses a second account with the same email, whatever its case", async () => {
      await registerUser({ name: "Ben", email: "ben@example.org", password: "s3cret-enough" });
      await expect(code(registerUser({ name: "Ben 2", email: "BEN@example.org", password: "other-pass" }))).resolves.toBe("conflict");
    });

    it("authenticates the right password and nothing else", async () => {
      await registerUser({ name: "Cleo", email: "cleo@example.org", password: "s3cret-enough" });
      expect((await authenticate({ email: "CLEO@example.org", password: "s3cret-enough" }))?.name).toBe("Cleo");
      expect(await authenticate({ email: "cleo@example.org", password: "wrong-password" })).toBeNull();
      expect(await authenticate({ email: "nobody@example.org", password: "s3cret-enough" })).toBeNull();
    });
  });

  describe("forums and membership", () => {
    it("makes the creator the chair and gives the forum a join code", async () => {
      const { chair, forum } = await newForum();
      expect(forum.joinCode).toMatch(/^[A-Z2-9]{8}$/);
      const page = await getForumPage(chair.id, forum.id);
      expect(page.me.role).toBe("chair");
      expect((await listForumsOf(chair.id)).map((f) => f.id)).toContain(forum.id);
    });

    it("joins a delegate with their group, delegation and camp", async () => {
      const { chair, forum } = await newForum();
      const { member } = await addMember(forum, { camp: "cyber_sovereignty", group: "civil_society", delegation: "Access Now" });
      expect(member).toMatchObject({ role: "delegate", camp: "cyber_sovereignty", stakeholderGroup: "civil_society", delegation: "Access Now" });
      const page = await getForumPage(chair.id, forum.id);
      expect(page.members.map((m) => m.delegation)).toEqual(["Chair", "Access Now"]);
    });

    it("refuses a wrong join code and a second join, writing nothing", async () => {
      const { forum } = await newForum();
      const user = await newUser();
      const profile = { camp: "non_aligned" as const, stakeholderGroup: "academia" as const, delegation: "Uni" };
      const before = await countRows(members);
      await expect(code(joinForum(user.id, { ...profile, code: "ZZZZZZZZ" }))).resolves.toBe("not_found");
      expect(await countRows(members)).toBe(before);
      await joinForum(user.id, { ...profile, code: forum.joinCode.toLowerCase() });
      await expect(code(joinForum(user.id, { ...profile, code: forum.joinCode }))).resolves.toBe("conflict");
    });

    it("hides a forum from a user who is not a member", async () => {
      const { forum } = await newForum();
      const outsider = await newUser();
      await expect(code(getForumPage(outsider.id, forum.id))).resolves.toBe("not_found");
    });
  });

  describe("measures", () => {
    it("lets a delegate propose a measure and bumps the forum's sequence", async () => {
      const { chair, forum } = await newForum();
      const { user } = await addMember(forum, { camp: "internet_freedom" });
      const seq = await seqOf(forum.id);
      const measure = await proposeMeasure(user.id, forum.id, measureInput);
      expect(await seqOf(forum.id)).toBe(seq + 1);
      const page = await getForumPage(chair.id, forum.id);
      expect(page.measures.map((m) => m.id)).toEqual([measure.id]);
      expect(page.measures[0]!.status).toBe("under_discussion");
    });

    it("refuses an empty title and an over-long text, writing nothing", async () => {
      const { chair, forum } = await newForum();
      const before = await countRows(measures);
      await expect(code(proposeMeasure(chair.id, forum.id, { ...measureInput, title: "   " }))).resolves.toBe("invalid_input");
      await expect(
        code(proposeMeasure(chair.id, forum.id, { ...measureInput, text: "x".repeat(limits.measureText + 1) })),
      ).resolves.toBe("invalid_input");
      expect(await countRows(measures)).toBe(before);
    });

    it("refuses proposals from observers and from outsiders", async () => {
      const { forum } = await newForum();
      const { user: observer } = await addMember(forum, { camp: "non_aligned", role: "observer" });
      const outsider = await newUser();
      await expect(code(proposeMeasure(observer.id, forum.id, measureInput))).resolves.toBe("forbidden");
      await expect(code(proposeMeasure(outsider.id, forum.id, measureInput))).resolves.toBe("not_found");
    });

    it("renders the text as sanitised HTML", async () => {
      const { chair, forum } = await newForum();
      const m = await proposeMeasure(chair.id, forum.id, { ...measureInput, text: "Hi <script>alert(1)</script> [x](javascript:alert(1))" });
      const page = await getMeasurePage(chair.id, m.id);
      expect(page.measure.html).not.toMatch(/<script|javascript:/i);
    });
  });

  describe("positions and tallies", () => {
    async function forumWithMeasure() {
      const { chair, forum } = await newForum();
      const measure = await proposeMeasure(chair.id, forum.id, measureInput);
      return { chair, forum, measure };
    }

    it("counts positions overall, per camp and per stakeholder group", async () => {
      const { chair, forum, measure } = await forumWithMeasure();
      const a = await addMember(forum, { camp: "internet_freedom", group: "state" });
      const b = await addMember(forum, { camp: "internet_freedom", group: "civil_society" });
      const c = await addMember(forum, { camp: "cyber_sovereignty", group: "state" });
      await takePosition(a.user.id, measure.id, { stance: "support", clientId: randomUUID() });
      await takePosition(b.user.id, measure.id, { stance: "oppose", clientId: randomUUID() });
      const { tally } = await takePosition(c.user.id, measure.id, { stance: "support", clientId: randomUUID() });
      expect(tally.total).toEqual({ support: 2, oppose: 1, abstain: 0 });
      expect(tally.byCamp.internet_freedom).toEqual({ support: 1, oppose: 1, abstain: 0 });
      expect(tally.byCamp.cyber_sovereignty).toEqual({ support: 1, oppose: 0, abstain: 0 });
      expect(tally.byCamp.non_aligned).toEqual({ support: 0, oppose: 0, abstain: 0 });
      expect(tally.byGroup.state).toEqual({ support: 2, oppose: 0, abstain: 0 });
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.measure.tally).toEqual(tally);
      expect(page.positions).toHaveLength(3);
    });

    it("keeps one position per member: changing it moves the count", async () => {
      const { forum, measure } = await forumWithMeasure();
      const a = await addMember(forum, { camp: "non_aligned" });
      await takePosition(a.user.id, measure.id, { stance: "support", clientId: randomUUID() });
      const { tally, position } = await takePosition(a.user.id, measure.id, {
        stance: "abstain",
        rationale: "Awaiting instructions from capital",
        clientId: randomUUID(),
      });
      expect(tally.total).toEqual({ support: 0, oppose: 0, abstain: 1 });
      expect(position.rationale).toBe("Awaiting instructions from capital");
    });

    it("treats a repeated request (same clientId) as one write", async () => {
      const { forum, measure } = await forumWithMeasure();
      const a = await addMember(forum, { camp: "internet_freedom" });
      const clientId = randomUUID();
      const first = await takePosition(a.user.id, measure.id, { stance: "oppose", rationale: "Too broad.", clientId });
      const seq = await seqOf(forum.id);
      // Even with another stance, a retry answers with the position as stored, and the tally.
      const again = await takePosition(a.user.id, measure.id, { stance: "support", clientId });
      expect(again).toEqual(first);
      expect(again.position).toMatchObject({ stance: "oppose", rationale: "Too broad.", camp: "internet_freedom" });
      expect(await seqOf(forum.id)).toBe(seq);
    });

    it("keeps the camp a position was taken with when the member later changes camp", async () => {
      const { chair, forum, measure } = await forumWithMeasure();
      const a = await addMember(forum, { camp: "cyber_sovereignty" });
      await takePosition(a.user.id, measure.id, { stance: "support", clientId: randomUUID() });
      await getDb().update(members).set({ camp: "internet_freedom" }).where(eq(members.id, a.member.id));
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.measure.tally.byCamp.cyber_sovereignty.support).toBe(1);
      expect(page.measure.tally.byCamp.internet_freedom.support).toBe(0);
    });

    it("refuses positions from observers, outsiders and on unknown measures", async () => {
      const { forum, measure } = await forumWithMeasure();
      const observer = await addMember(forum, { camp: "non_aligned", role: "observer" });
      const outsider = await newUser();
      const before = await countRows(positions);
      await expect(code(takePosition(observer.user.id, measure.id, { stance: "support", clientId: randomUUID() }))).resolves.toBe("forbidden");
      await expect(code(takePosition(outsider.id, measure.id, { stance: "support", clientId: randomUUID() }))).resolves.toBe("not_found");
      await expect(code(takePosition(observer.user.id, randomUUID(), { stance: "support", clientId: randomUUID() }))).resolves.toBe("not_found");
      await expect(code(takePosition(observer.user.id, measure.id, { stance: "maybe" as never, clientId: randomUUID() }))).resolves.toBe("invalid_input");
      expect(await countRows(positions)).toBe(before);
    });

    it("ends concurrent writes with exact tallies and one position per member", async () => {
      const { forum, measure } = await forumWithMeasure();
      const voters = await Promise.all(
        Array.from({ length: 12 }, (_, i) => addMember(forum, { camp: i % 2 ? "internet_freedom" : "cyber_sovereignty" })),
      );
      // Every voter sends three different stances at once; whichever lands last, each has one.
      await Promise.all(
        voters.flatMap((v) =>
          (["abstain", "oppose", "support"] as const).map((stance) =>
            takePosition(v.user.id, measure.id, { stance, clientId: randomUUID() }),
          ),
        ),
      );
      const page = await getMeasurePage(voters[0]!.user.id, measure.id);
      expect(page.positions).toHaveLength(12);
      const t = page.measure.tally.total;
      expect(t.support + t.oppose + t.abstain).toBe(12);
      const stored = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
      expect(stored).toHaveLength(12);
    });

    it("answers each position written in one batch on its own: refusals, retries and changes alike", async () => {
      const { chair, forum, measure } = await forumWithMeasure();
      const other = await forumWithMeasure();
      const observer = await addMember(forum, { camp: "non_aligned", role: "observer" });
      const outsider = await newUser();
      const [a, b] = await Promise.all([addMember(forum, { camp: "internet_freedom" }), addMember(forum, { camp: "cyber_sovereignty" })]);
      const elsewhere = await addMember(other.forum, { camp: "non_aligned" });
      const retried = { stance: "oppose" as const, clientId: randomUUID() };
      await takePosition(b.user.id, measure.id, retried);
      const [seqBefore, otherSeqBefore] = [await seqOf(forum.id), await seqOf(other.forum.id)];

      // Sent in one turn of the event loop, they go in one batch (lib/group-commit.ts), across
      // two forums; a's second position waits for the next batch.
      const outcomes = await Promise.all([
        code(takePosition(chair.id, measure.id, { stance: "support", clientId: randomUUID() })),
        code(takePosition(a.user.id, measure.id, { stance: "support", clientId: randomUUID() })),
        code(takePosition(observer.user.id, measure.id, { stance: "support", clientId: randomUUID() })),
        code(takePosition(outsider.id, measure.id, { stance: "support", clientId: randomUUID() })),
        code(takePosition(b.user.id, measure.id, retried)),
        code(takePosition(elsewhere.user.id, other.measure.id, { stance: "abstain", clientId: randomUUID() })),
        // The same member twice in one batch: the later request is written after the earlier.
        code(takePosition(a.user.id, measure.id, { stance: "abstain", clientId: randomUUID() })),
      ]);
      expect(outcomes).toEqual(["ok", "ok", "forbidden", "not_found", "ok", "ok", "ok"]);

      const stances = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
      expect(new Map(stances.map((p) => [p.memberId, p.stance]))).toEqual(
        new Map([
          [b.member.id, "oppose"],
          [a.member.id, "abstain"],
          [(await getForumPage(chair.id, forum.id)).me.id, "support"],
        ]),
      );
      // Three writes in this forum (the chair's, a's two), none for the retry; one in the other.
      expect(await seqOf(forum.id)).toBe(seqBefore + 3);
      expect(await seqOf(other.forum.id)).toBe(otherSeqBefore + 1);
      const tally = (await getMeasurePage(chair.id, measure.id)).measure.tally;
      expect(tally.total).toEqual({ support: 1, oppose: 1, abstain: 1 });
      expect(tally.byCamp.internet_freedom).toEqual({ support: 0, oppose: 0, abstain: 1 });
    });
  });

  describe("comments", () => {
    it("tags a comment with its author's camp, and observers may comment", async () => {
      const { chair, forum } = await newForum();
      const measure = await proposeMeasure(chair.id, forum.id, measureInput);
      const observer = await addMember(forum, { camp: "internet_freedom", role: "observer", delegation: "Access Now" });
      const comment = await addComment(observer.user.id, measure.id, { body: "We *welcome* this.", clientId: randomUUID() });
      expect(comment).toMatchObject({ camp: "internet_freedom", delegation: "Access Now" });
      expect(comment.html).toContain("<em>welcome</em>");
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.comments.map((c) => c.id)).toEqual([comment.id]);
    });

    it("stores a comment sent twice with the same clientId once", async () => {
      const { chair, forum } = await newForum();
      const measure = await proposeMeasure(chair.id, forum.id, measureInput);
      const clientId = randomUUID();
      const [a, b] = await Promise.all([
        addComment(chair.id, measure.id, { body: "Once", clientId }),
        addComment(chair.id, measure.id, { body: "Once", clientId }),
      ]);
      const stored = await getDb().select().from(comments).where(eq(comments.measureId, measure.id));
      expect(stored).toHaveLength(1);
      expect(a.id).toBe(stored[0]!.id);
      expect(b.id).toBe(a.id);
    });

    it("refuses an empty comment and a comment from an outsider", async () => {
      const { chair, forum } = await newForum();
      const measure = await proposeMeasure(chair.id, forum.id, measureInput);
      const outsider = await newUser();
      await expect(code(addComment(chair.id, measure.id, { body: "  ", clientId: randomUUID() }))).resolves.toBe("invalid_input");
      await expect(code(addComment(outsider.id, measure.id, { body: "Hello", clientId: randomUUID() }))).resolves.toBe("not_found");
    });
  });
}
