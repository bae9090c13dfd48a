// Conflicting writes sent at the same moment. On PostgreSQL two transactions really run at once
// (a pool of connections), so a write that reads what it checks before it locks it lets both
// pass; each race below fires a pair together, many times, and checks the forum's invariants
// afterwards: one open decision per measure, each amendment accepted once, one text per base
// revision, at least one paragraph, one backing per delegation per paragraph, no counted position
// of an observer or removed member, at least one chair, and no answer a client would see as a 5xx.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { alternatives, auditEvents, backings, decisions, measures, members, paragraphs, positions, revisions } from "@/db/schema";
import { joinParagraphs } from "@/lib/core/text-model";
import { errorReply } from "@/lib/http/error-replies";
import { closeDecision } from "@/lib/measure/decisions";
import { getMeasurePage } from "@/lib/measure/page";
import { removeMember } from "@/lib/forum/members";
import { acceptAmendment } from "@/lib/text/amendments";
import { setBacking } from "@/lib/text/alternatives";
import { withDatabase } from "./databases";
import {
  changeRole,
  changeStatus,
  chooseAlternative,
  openDecision,
  proposeAlternative,
  proposeAmendment,
  proposeMeasure,
  rewriteText,
  takePosition,
} from "./edge";
import { addMember, newForum } from "./world";

const TRIES = 8;

/** Runs the writes at the same moment; each settles to "ok" or the HTTP status it would get. */
async function atOnce(...writes: (() => Promise<unknown>)[]): Promise<(number | "ok")[]> {
  return Promise.all(writes.map((write) => write().then(() => "ok" as const, (error: unknown) => errorReply(error).status)));
}

function expectNoServerError(outcomes: (number | "ok")[]) {
  for (const outcome of outcomes) if (outcome !== "ok") expect(outcome, "a race must not end in a 5xx").toBeLessThan(500);
}

async function room() {
  const { chair, forum } = await newForum();
  const author = await addMember(forum, { camp: "non_aligned", delegation: "Aurelia" });
  const freedom = await addMember(forum, { camp: "internet_freedom", delegation: "Northland" });
  const sovereignty = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
  const measure = await proposeMeasure(author.user.id, forum.id, {
    title: "Points of contact",
    kind: "cbm",
    text: "States designate points of contact.\n\nContacts answer within 72 hours.\n\nThe directory is tested yearly.",
  });
  return { chair, forum, author, freedom, sovereignty, measure };
}

const db = () => getDb();

async function textState(measureId: string) {
  const [measure] = await db().select({ text: measures.text }).from(measures).where(eq(measures.id, measureId));
  const standing = await db().select().from(paragraphs).where(and(eq(paragraphs.measureId, measureId), isNull(paragraphs.deletedAt)));
  const revs = await db().select().from(revisions).where(eq(revisions.measureId, measureId));
  const latest = revs.sort((a, b) => b.number - a.number)[0]!;
  const joined = joinParagraphs(standing.sort((a, b) => a.ordinal - b.ordinal).map((p) => p.text));
  return { text: measure!.text, joined, latest: latest.text, revisions: revs.length, paragraphs: standing.length };
}

const auditCount = async (measureId: string, action: string) =>
  (await db().select().from(auditEvents).where(and(eq(auditEvents.measureId, measureId), eq(auditEvents.action, action)))).length;

export function racesSuite(open: () => Promise<Database>) {
  withDatabase(open);

  describe("conflicting writes at the same moment", () => {
    it("two openings of a decision leave one decision open", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, measure } = await room();
        const outcomes = await atOnce(
          () => openDecision(chair.id, measure.id, { rule: "simple_majority" }),
          () => openDecision(chair.id, measure.id, { rule: "consensus" }),
        );
        expectNoServerError(outcomes);
        expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
        const open = await db().select().from(decisions).where(and(eq(decisions.measureId, measure.id), isNull(decisions.closedAt)));
        expect(open).toHaveLength(1);
        // Closing it decides the measure, and nothing stays open behind it.
        await closeDecision(chair.id, measure.id);
        expect(await db().select().from(decisions).where(and(eq(decisions.measureId, measure.id), isNull(decisions.closedAt)))).toHaveLength(0);
      }
    });

    it("the same amendment accepted twice at once is accepted once", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, author, freedom, measure } = await room();
        const { id } = await proposeAmendment(freedom.user.id, measure.id, { text: "A whole new text.", rationale: "Simpler." });
        const outcomes = await atOnce(
          () => acceptAmendment(chair.id, id),
          () => acceptAmendment(author.user.id, id),
        );
        expectNoServerError(outcomes);
        expect(await auditCount(measure.id, "amendment.accepted")).toBe(1);
        const state = await textState(measure.id);
        expect(state.revisions).toBe(2);
        expect([state.text, state.joined, state.latest]).toEqual(["A whole new text.", "A whole new text.", "A whole new text."]);
      }
    });

    it("two rewrites on the same base revision: one is saved, the other refused", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { author, measure } = await room();
        const outcomes = await atOnce(
          () => rewriteText(author.user.id, measure.id, { text: "First rewrite.", summary: "one", baseRevision: 1 }),
          () => rewriteText(author.user.id, measure.id, { text: "Second rewrite.", summary: "two", baseRevision: 1 }),
        );
        expectNoServerError(outcomes);
        expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
        expect(outcomes).toContain(409);
        const state = await textState(measure.id);
        expect(["First rewrite.", "Second rewrite."]).toContain(state.text);
        expect(state.joined).toBe(state.text);
        expect(state.latest).toBe(state.text);
        expect(state.revisions).toBe(2);
      }
    });

    it("two amendments accepted at once, or a rewrite and an acceptance, never mix their texts", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, author, freedom, sovereignty, measure } = await room();
        const a = await proposeAmendment(freedom.user.id, measure.id, { text: "Text of Northland.", rationale: "a" });
        const b = await proposeAmendment(sovereignty.user.id, measure.id, { text: "Text of Meridia.", rationale: "b" });
        const pair =
          i % 2 === 0
            ? atOnce(() => acceptAmendment(chair.id, a.id), () => acceptAmendment(author.user.id, b.id))
            : atOnce(
                () => rewriteText(author.user.id, measure.id, { text: "Text of Aurelia.", summary: "rewrite", baseRevision: 1 }),
                () => acceptAmendment(chair.id, a.id),
              );
        expectNoServerError(await pair);
        const state = await textState(measure.id);
        expect(["Text of Northland.", "Text of Meridia.", "Text of Aurelia."]).toContain(state.text);
        expect(state.joined).toBe(state.text);
        expect(state.latest).toBe(state.text);
      }
    });

    it("choosing the deletions of the last two paragraphs at once leaves one standing", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, freedom, sovereignty, author, measure } = await room();
        const [p1, p2, p3] = (await getMeasurePage(chair.id, measure.id)).compilation.paragraphs;
        // One paragraph goes first, so that two are left.
        const first = await proposeAlternative(author.user.id, measure.id, { kind: "delete", paragraphId: p1!.id });
        await chooseAlternative(chair.id, first.id);
        const d2 = await proposeAlternative(freedom.user.id, measure.id, { kind: "delete", paragraphId: p2!.id });
        const d3 = await proposeAlternative(sovereignty.user.id, measure.id, { kind: "delete", paragraphId: p3!.id });
        expectNoServerError(await atOnce(() => chooseAlternative(chair.id, d2.id), () => chooseAlternative(chair.id, d3.id)));
        const state = await textState(measure.id);
        expect(state.paragraphs).toBe(1);
        expect(state.joined).toBe(state.text);
      }
    });

    it("backing two rival wordings at once leaves the delegation behind one", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, freedom, sovereignty, author, measure } = await room();
        const p2 = (await getMeasurePage(chair.id, measure.id)).compilation.paragraphs[1]!;
        const a = await proposeAlternative(freedom.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Within 24 hours." });
        const b = await proposeAlternative(sovereignty.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Within 14 days." });
        expectNoServerError(await atOnce(() => setBacking(author.user.id, a.id, true), () => setBacking(author.user.id, b.id, true)));
        const backed = await db()
          .select()
          .from(backings)
          .innerJoin(alternatives, eq(alternatives.id, backings.alternativeId))
          .where(and(eq(backings.memberId, author.member.id), eq(alternatives.paragraphId, p2.id)));
        expect(backed).toHaveLength(1);
      }
    });

    it("a withdrawal and the opening of a decision at once: one of them, never both", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, author, measure } = await room();
        const outcomes = await atOnce(
          () => changeStatus(author.user.id, measure.id, { to: "withdrawn" }),
          () => openDecision(chair.id, measure.id, { rule: "simple_majority" }),
        );
        expectNoServerError(outcomes);
        expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
        const [m] = await db().select().from(measures).where(eq(measures.id, measure.id));
        const open = await db().select().from(decisions).where(and(eq(decisions.measureId, measure.id), isNull(decisions.closedAt)));
        expect(open).toHaveLength(m!.status === "in_decision" ? 1 : 0);
      }
    });

    it("a cancellation and a closing of one decision at once: one of them, logged once", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, freedom, measure } = await room();
        // The decision would adopt it (an adopted measure cannot go back to discussion, so the
        // cancellation cannot follow the closing as a return to discussion).
        await takePosition(freedom.user.id, measure.id, { stance: "support", clientId: randomUUID() });
        await openDecision(chair.id, measure.id, { rule: "simple_majority" });
        const outcomes = await atOnce(
          () => changeStatus(chair.id, measure.id, { to: "under_discussion" }),
          () => closeDecision(chair.id, measure.id),
        );
        expectNoServerError(outcomes);
        expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
        const logged = (await auditCount(measure.id, "decision.cancelled")) + (await auditCount(measure.id, "decision.closed"));
        expect(logged).toBe(1);
      }
    });

    it("a member removed, or made observer, while taking a position: the position does not count", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, forum, freedom, measure } = await room();
        const demote = i % 2 === 0;
        const outcomes = await atOnce(
          () => takePosition(freedom.user.id, measure.id, { stance: "support", clientId: randomUUID() }),
          () => (demote ? changeRole(chair.id, forum.id, freedom.member.id, { role: "observer" }) : removeMember(chair.id, forum.id, freedom.member.id)),
        );
        expectNoServerError(outcomes);
        const counted = await db()
          .select()
          .from(positions)
          .where(and(eq(positions.measureId, measure.id), eq(positions.memberId, freedom.member.id)));
        expect(counted).toHaveLength(0);
      }
    });

    it("two co-chairs demoting or removing each other at once leave the forum a chair", async () => {
      for (let i = 0; i < TRIES; i++) {
        const { chair, forum } = await newForum();
        const cochair = await addMember(forum, { camp: "non_aligned", delegation: "Co-chair", role: "chair" });
        const [chairMember] = await db().select().from(members).where(and(eq(members.forumId, forum.id), eq(members.userId, chair.id)));
        const remove = i % 2 === 0;
        const outcomes = await atOnce(
          () => (remove ? removeMember(chair.id, forum.id, cochair.member.id) : changeRole(chair.id, forum.id, cochair.member.id, { role: "delegate" })),
          () => (remove ? removeMember(cochair.user.id, forum.id, chairMember!.id) : changeRole(cochair.user.id, forum.id, chairMember!.id, { role: "delegate" })),
        );
        expectNoServerError(outcomes);
        const chairs = await db()
          .select()
          .from(members)
          .where(and(eq(members.forumId, forum.id), eq(members.role, "chair"), isNull(members.removedAt)));
        expect(chairs.length).toBeGreaterThanOrEqual(1);
      }
    });
  });

  describe("a retried write", () => {
    it("never applies again once a later write has replaced it", async () => {
      const { freedom, measure } = await room();
      const first = randomUUID();
      await takePosition(freedom.user.id, measure.id, { stance: "support", clientId: first });
      await takePosition(freedom.user.id, measure.id, { stance: "oppose", clientId: randomUUID() });
      // The first request, resent late (a retry that crossed the change on the network).
      const late = await takePosition(freedom.user.id, measure.id, { stance: "support", clientId: first });
      expect(late.position.stance).toBe("oppose");
      const [stored] = await db().select().from(positions).where(and(eq(positions.measureId, measure.id), eq(positions.memberId, freedom.member.id)));
      expect(stored!.stance).toBe("oppose");
      expect(await auditCount(measure.id, "position.changed")).toBe(1);
    });
  });
}
