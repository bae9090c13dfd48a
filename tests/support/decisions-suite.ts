// Integration tests of roles, the measure lifecycle, decisions, the audit trail and API tokens,
// run against PGlite and (when configured) PostgreSQL.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { withDatabase } from "./databases";
import { auditEvents, decisions, positions } from "@/db/schema";
import { listTokens, revokeToken, userForToken } from "@/lib/auth/api-tokens";
import { closeDecision, getMeasureTally, settleDueDecisions } from "@/lib/measure/decisions";
import { DomainError } from "@/lib/core/errors";
import { getForumPage, regenerateJoinCode } from "@/lib/forum/forums";
import { removeMember } from "@/lib/forum/members";
import type { Camp, Stance } from "@/lib/core/vocabulary";
import { addMember, newForum, newUser } from "./world";
import { auditCsv, listAudit } from "@/lib/audit/read";
import { getMeasurePage } from "@/lib/measure/page";
import { listMeasures } from "@/lib/measure/queries";
import { createToken, addComment, objectToSilence, openDecision, joinForum, updateForum, changeRole, updateProfile, takePosition, changeStatus, proposeMeasure } from "./edge";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : String(e)),
  );

async function stance(userId: string, measureId: string, s: Stance, rationale = "") {
  await takePosition(userId, measureId, { stance: s, rationale, clientId: randomUUID() });
}

/** A forum with delegates in each camp and one measure under discussion. */
async function room(counts: Partial<Record<Camp, number>> = { internet_freedom: 3, cyber_sovereignty: 3, non_aligned: 1 }) {
  const { chair, forum } = await newForum();
  const people: Record<Camp, { userId: string; memberId: string }[]> = { internet_freedom: [], cyber_sovereignty: [], non_aligned: [] };
  for (const [camp, n] of Object.entries(counts) as [Camp, number][]) {
    for (let i = 0; i < n; i++) {
      const m = await addMember(forum, { camp, delegation: `${camp}-${i + 1}` });
      people[camp].push({ userId: m.user.id, memberId: m.member.id });
    }
  }
  const measure = await proposeMeasure(chair.id, forum.id, { title: "Protection of CERTs", kind: "norm", text: "Do not attack CERTs." });
  return { chair, forum, measure, people };
}

export function decisionsSuite(open: () => Promise<Database>) {
  withDatabase(open);

  describe("decisions", () => {
    it("a cross-camp decision fails when one camp's majority opposes, and says why", async () => {
      const { chair, measure, people } = await room();
      for (const p of people.internet_freedom) await stance(p.userId, measure.id, "support");
      await stance(people.cyber_sovereignty[0]!.userId, measure.id, "support");
      await stance(people.cyber_sovereignty[1]!.userId, measure.id, "oppose", "Sovereignty first");
      await stance(people.cyber_sovereignty[2]!.userId, measure.id, "oppose");
      await openDecision(chair.id, measure.id, { rule: "cross_camp", crossCampMin: 2 });
      const live = await getMeasureTally(chair.id, measure.id);
      expect(live.verdict?.passes).toBe(false);
      expect(live.verdict?.reasons).toContain("Cyber Sovereignty: 1 of 3 support — below majority");

      const closed = await closeDecision(chair.id, measure.id);
      expect(closed.status).toBe("not_adopted");
      expect(closed.decision).toMatchObject({ rule: "cross_camp", outcome: "not_adopted" });
      expect(closed.decision!.finalTally!.byCamp.cyber_sovereignty).toEqual({ support: 1, oppose: 2, abstain: 0 });
      expect(closed.decision!.finalVerdict!.reasons).toContain("Internet Freedom: 3 of 3 support — majority");
      // Frozen: no position can move it any more.
      expect(await refusal(stance(people.cyber_sovereignty[1]!.userId, measure.id, "support"))).toMatch(/^conflict/);
    });

    it("the same tally passes by simple majority", async () => {
      const { chair, measure, people } = await room();
      for (const p of people.internet_freedom) await stance(p.userId, measure.id, "support");
      await stance(people.cyber_sovereignty[0]!.userId, measure.id, "oppose");
      await openDecision(chair.id, measure.id, {});
      expect((await closeDecision(chair.id, measure.id)).status).toBe("adopted");
    });

    it("consensus lists the objections with their rationales", async () => {
      const { chair, measure, people } = await room();
      await stance(people.internet_freedom[0]!.userId, measure.id, "support");
      await stance(people.cyber_sovereignty[0]!.userId, measure.id, "oppose", "The list of infrastructure is too wide");
      await openDecision(chair.id, measure.id, { rule: "consensus" });
      const closed = await closeDecision(chair.id, measure.id);
      expect(closed.status).toBe("not_adopted");
      expect(closed.decision!.finalObjections).toEqual([
        { delegation: "cyber_sovereignty-1", camp: "cyber_sovereignty", reason: "The list of infrastructure is too wide" },
      ]);
    });

    it("a quorum not met defeats a majority", async () => {
      const { chair, measure, people } = await room();
      await stance(people.internet_freedom[0]!.userId, measure.id, "support");
      await openDecision(chair.id, measure.id, { rule: "simple_majority", quorum: 3 });
      const closed = await closeDecision(chair.id, measure.id);
      expect(closed.status).toBe("not_adopted");
      expect(closed.decision!.finalVerdict!.reasons[0]).toMatch(/^Quorum not met/);
    });

    it("silence unbroken at the deadline adopts the measure, without anyone acting", async () => {
      const { chair, measure } = await room();
      const start = new Date();
      await openDecision(chair.id, measure.id, { rule: "silence", minutes: 5 }, start);
      expect(await settleDueDecisions(new Date(start.getTime() + 4 * 60_000))).toBe(0);
      expect(await settleDueDecisions(new Date(start.getTime() + 5 * 60_000 + 1))).toBe(1);
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.measure.status).toBe("adopted");
      expect(page.history[0]).toMatchObject({ action: "decision.closed", actor: "System" });
    });

    it("an objection breaks silence, and the measure is not adopted at the deadline", async () => {
      const { chair, measure, people } = await room();
      const start = new Date();
      await openDecision(chair.id, measure.id, { rule: "silence", minutes: 5 }, start);
      await objectToSilence(people.cyber_sovereignty[0]!.userId, measure.id, { reason: "Needs capital's review" }, start);
      expect(await refusal(objectToSilence(people.cyber_sovereignty[0]!.userId, measure.id, { reason: "Again" }, start))).toMatch(/already broken/);
      await settleDueDecisions(new Date(start.getTime() + 6 * 60_000));
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.measure.status).toBe("not_adopted");
      expect(page.measure.decision!.finalObjections).toEqual([
        { delegation: "cyber_sovereignty-1", camp: "cyber_sovereignty", reason: "Needs capital's review" },
      ]);
    });

    it("a deadline settled by two sweeps at once closes the decision once", async () => {
      const { chair, measure } = await room();
      const start = new Date();
      await openDecision(chair.id, measure.id, { rule: "simple_majority", minutes: 1 }, start);
      const later = new Date(start.getTime() + 2 * 60_000);
      const settled = await Promise.all([settleDueDecisions(later), settleDueDecisions(later), settleDueDecisions(later)]);
      expect(settled.reduce((a, b) => a + b, 0)).toBe(1);
      const closes = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.measureId, measure.id), eq(auditEvents.action, "decision.closed")));
      expect(closes).toHaveLength(1);
    });

    it("refuses a silence procedure without a deadline, a deadline in the past, and a second decision", async () => {
      const { chair, measure } = await room();
      expect(await refusal(openDecision(chair.id, measure.id, { rule: "silence" }))).toMatch(/^invalid: A silence procedure needs a deadline/);
      expect(await refusal(openDecision(chair.id, measure.id, { deadline: "2001-01-01T00:00:00Z" }))).toMatch(/^invalid: The deadline must be in the future/);
      await openDecision(chair.id, measure.id, {});
      expect(await refusal(openDecision(chair.id, measure.id, {}))).toMatch(/^conflict: The measure is already in decision\./);
      const open = await getDb().select().from(decisions).where(eq(decisions.measureId, measure.id));
      expect(open).toHaveLength(1);
    });

    it("the forum's default rule applies unless the chair overrides it", async () => {
      const { chair, forum, measure } = await room();
      await updateForum(chair.id, forum.id, { defaultRule: "two_thirds", defaultQuorum: 2 });
      const opened = await openDecision(chair.id, measure.id, {});
      expect(opened.decision).toMatchObject({ rule: "two_thirds", quorum: 2 });
    });
  });

  describe("lifecycle", () => {
    it("keeps a draft to its authors until they submit it", async () => {
      const { chair, forum } = await newForum();
      const author = await addMember(forum, { camp: "internet_freedom" });
      const draft = await proposeMeasure(author.user.id, forum.id, { title: "Draft", kind: "cbm", text: "x", draft: true });
      expect((await listMeasures(chair.id, forum.id)).map((m) => m.id)).not.toContain(draft.id);
      expect((await listMeasures(author.user.id, forum.id)).map((m) => m.id)).toContain(draft.id);
      await changeStatus(author.user.id, draft.id, { to: "under_discussion" });
      expect((await listMeasures(chair.id, forum.id)).map((m) => m.id)).toContain(draft.id);
    });

    it("records every transition in the measure's history", async () => {
      const { chair, measure } = await room();
      await openDecision(chair.id, measure.id, {});
      await changeStatus(chair.id, measure.id, { to: "under_discussion" });
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.history.map((h) => h.action)).toEqual([
        "measure.status_changed",
        "decision.cancelled",
        "decision.opened",
        "measure.proposed",
      ]);
      expect(page.measure.status).toBe("under_discussion");
    });
  });

  describe("roles and membership", () => {
    it("lets the chair make a co-chair, and refuses to leave the forum without a chair", async () => {
      const { chair, forum } = await newForum();
      const page = await getForumPage(chair.id, forum.id);
      expect(await refusal(changeRole(chair.id, forum.id, page.me.id, { role: "delegate" }))).toMatch(/^conflict: A forum needs a chair/);
      const other = await addMember(forum, { camp: "non_aligned" });
      await changeRole(chair.id, forum.id, other.member.id, { role: "chair" });
      await changeRole(other.user.id, forum.id, page.me.id, { role: "delegate" });
      expect((await getForumPage(chair.id, forum.id)).me.role).toBe("delegate");
    });

    it("removing a member withdraws their open positions, keeps decided ones, and shuts them out", async () => {
      const { chair, forum, measure, people } = await room();
      const decided = await proposeMeasure(chair.id, forum.id, { title: "Decided", kind: "cbm", text: "x" });
      const leaver = people.cyber_sovereignty[0]!;
      await stance(leaver.userId, measure.id, "oppose");
      await stance(leaver.userId, decided.id, "support");
      await openDecision(chair.id, decided.id, {});
      await closeDecision(chair.id, decided.id);
      await removeMember(chair.id, forum.id, leaver.memberId);
      const left = await getDb().select().from(positions).where(eq(positions.memberId, leaver.memberId));
      expect(left.map((p) => p.measureId)).toEqual([decided.id]);
      expect(await refusal(getForumPage(leaver.userId, forum.id))).toMatch(/^not_found/);
      // They may come back with the join code, as a delegate.
      const back = await joinForum(leaver.userId, { code: forum.joinCode, camp: "non_aligned", stakeholderGroup: "academia", delegation: "Back" });
      expect(back.member.role).toBe("delegate");
    });

    it("a camp change keeps earlier positions in their camp and shows in the measure's history", async () => {
      const { chair, forum, measure, people } = await room();
      const mover = people.cyber_sovereignty[0]!;
      await stance(mover.userId, measure.id, "support");
      await updateProfile(mover.userId, forum.id, { camp: "internet_freedom", stakeholderGroup: "state", delegation: "Moved" });
      const page = await getMeasurePage(chair.id, measure.id);
      expect(page.measure.tally.byCamp.cyber_sovereignty.support).toBe(1);
      expect(page.history[0]).toMatchObject({ action: "member.profile_changed", subject: "Moved" });
      expect(page.history[0]!.before).toMatchObject({ camp: "cyber_sovereignty" });
    });

    it("a new join code replaces the old one", async () => {
      const { chair, forum } = await newForum();
      const fresh = await regenerateJoinCode(chair.id, forum.id);
      expect(fresh.joinCode).not.toBe(forum.joinCode);
      const user = await newUser();
      const profile = { camp: "non_aligned" as const, stakeholderGroup: "state" as const, delegation: "Late" };
      expect(await refusal(joinForum(user.id, { ...profile, code: forum.joinCode }))).toMatch(/^not_found/);
      await joinForum(user.id, { ...profile, code: fresh.joinCode });
    });

    it("a closed forum is read-only until the chair reopens it", async () => {
      const { chair, forum, measure, people } = await room();
      await updateForum(chair.id, forum.id, { status: "closed" });
      const someone = people.internet_freedom[0]!.userId;
      expect(await refusal(stance(someone, measure.id, "support"))).toMatch(/^conflict: This forum is closed/);
      expect(await refusal(addComment(someone, measure.id, { body: "x", clientId: randomUUID() }))).toMatch(/^conflict/);
      expect(await refusal(updateForum(chair.id, forum.id, { title: "New" }))).toMatch(/reopen it/);
      await getMeasurePage(someone, measure.id);
      await updateForum(chair.id, forum.id, { status: "open" });
      await stance(someone, measure.id, "support");
    });
  });

  describe("audit trail", () => {
    it("records who did what, before and after, and exports it as CSV to the chair", async () => {
      const { chair, forum, measure, people } = await room({ internet_freedom: 1 });
      const d = people.internet_freedom[0]!;
      await stance(d.userId, measure.id, "support");
      await stance(d.userId, measure.id, "oppose", "=HYPERLINK(\"http://evil\")");
      const log = await listAudit(d.userId, forum.id);
      expect(log[0]).toMatchObject({
        action: "position.changed",
        actor: "internet_freedom-1",
        before: { stance: "support", camp: "internet_freedom" },
        after: { stance: "oppose" },
      });
      const actions = log.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["forum.created", "member.joined", "measure.proposed", "position.taken"]));
      const csv = await auditCsv(chair.id, forum.id);
      const lines = csv.trim().split("\r\n");
      expect(lines[0]).toBe('"id","time","actor","action","measure","member","before","after"');
      expect(lines).toHaveLength(log.length + 1);
      expect(csv).not.toMatch(/,"=HYPERLINK/);
    });
  });

  describe("API tokens", () => {
    it("acts for its user until revoked, and is stored only as a hash", async () => {
      const user = await newUser();
      const created = await createToken(user.id, { name: "script" });
      expect(created.token).toMatch(/^cnc_/);
      expect((await userForToken(created.token))?.id).toBe(user.id);
      expect(await userForToken(created.token + "x")).toBeNull();
      const listed = await listTokens(user.id);
      expect(JSON.stringify(listed)).not.toContain(created.token);
      await revokeToken(user.id, created.id);
      expect(await userForToken(created.token)).toBeNull();
      const other = await newUser();
      expect(await refusal(revokeToken(other.id, created.id))).toMatch(/^not_found/);
    });
  });
}
