// Writes a client may retry, sent hundreds at a time, against a real database and a real
// Socket.IO room: every tally is exact, each member holds one position, each comment is stored
// once, and the events a watcher receives add up to the same state.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { auditEvents, comments, forums, positions } from "@/db/schema";
import { firstSeqOf, type ForumEvent } from "@/lib/core/events";
import { tallyFrom } from "@/lib/core/tallies";
import { camps, type Stance } from "@/lib/core/vocabulary";
import { collect, eventually, joinRoom, withLiveServer } from "./live-server";
import { addMember, newForum } from "./world";
import { getMeasurePage } from "@/lib/measure/page";
import { addComment, takePosition, proposeMeasure } from "./edge";

const MEMBERS = 60;

async function seqOf(forumId: string) {
  const [row] = await getDb().select({ seq: forums.seq }).from(forums).where(eq(forums.id, forumId));
  return row!.seq;
}

/** Events in seq order, checking that together they cover every seq after `before` once. */
function ordered(events: ForumEvent[], before: number) {
  const bySeq = [...events].sort((a, b) => a.seq - b.seq);
  expect(bySeq.map((e) => [firstSeqOf(e), e.seq])).toEqual(
    bySeq.map((e, i) => [i === 0 ? before + 1 : bySeq[i - 1]!.seq + 1, e.seq]),
  );
  return bySeq;
}

/** The one measure's change in a positions event. */
function changeIn(event: ForumEvent | undefined) {
  if (event?.type !== "positions:changed") throw new Error(`not a positions event: ${event?.type}`);
  expect(event.changes).toHaveLength(1);
  return event.changes[0]!;
}

/** How many positions the events carry. */
const positionsIn = (events: ForumEvent[]) => events.reduce((n, e) => n + (e.seq - firstSeqOf(e) + 1), 0);

export function exactlyOnceSuite(open: () => Promise<Database>) {
  const live = withLiveServer(open);

  async function room() {
    const { chair, forum } = await newForum();
    const delegates = await Promise.all(
      Array.from({ length: MEMBERS }, (_, i) =>
        addMember(forum, { camp: camps[i % 3]!, group: i % 2 ? "civil_society" : "state", delegation: `D${i}` }),
      ),
    );
    const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
    const watcher = await live.socketAs(chair.id);
    await joinRoom(watcher, forum.id);
    return { chair, forum, delegates, measure, events: collect(watcher) };
  }

  describe("exactly-once writes under concurrency", () => {
    it("counts each member once when every position is double-submitted and changed from two tabs at once", async () => {
      const { forum, delegates, measure, events } = await room();
      const before = await seqOf(forum.id);
      const stances: Stance[] = ["support", "oppose", "abstain"];
      const requests = delegates.flatMap(({ user }, i) => {
        const first = { stance: stances[i % 3]!, clientId: randomUUID() };
        const otherTab = { stance: stances[(i + 1) % 3]!, clientId: randomUUID() };
        // A double click, a resend of the same write, and another tab changing the stance.
        return [first, first, otherTab, first].map((input) => takePosition(user.id, measure.id, input));
      });
      expect(requests.length).toBe(4 * MEMBERS);
      await Promise.all(requests);

      const stored = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
      expect(stored).toHaveLength(MEMBERS);
      const page = await getMeasurePage(delegates[0]!.user.id, measure.id);
      const tally = page.measure.tally;
      expect(tally.total.support + tally.total.oppose + tally.total.abstain).toBe(MEMBERS);
      for (const camp of camps) {
        const c = tally.byCamp[camp];
        expect(c.support + c.oppose + c.abstain).toBe(MEMBERS / 3);
      }
      // Counted one by one from the stored rows, the tally is the same.
      expect(tally).toEqual(tallyFrom(stored.map((p) => ({ ...p, count: 1 }))));

      // Every write that changed something was published once (several to an event when they
      // were written in one batch or sent together), the events cover the seqs in order with no
      // gap, applying them gives each member's stored stance, and the last carries the final tally.
      const writes = (await seqOf(forum.id)) - before;
      await eventually(() => positionsIn(events) === writes);
      const stream = ordered(events, before);
      const applied = new Map(stream.flatMap((e) => changeIn(e).positions).map((p) => [p.memberId, p.stance]));
      expect(applied).toEqual(new Map(stored.map((p) => [p.memberId, p.stance])));
      const [audited] = await getDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(and(eq(auditEvents.measureId, measure.id), sql`${auditEvents.action} like 'position.%'`));
      expect(audited!.n).toBe(writes);
      expect(changeIn(stream.at(-1)).tally).toEqual(tally);
    });

    it("ends concurrent changes of one member's position from two tabs in exactly one position", async () => {
      const { forum, delegates, measure, events } = await room();
      const before = await seqOf(forum.id);
      const { user, member } = delegates[0]!;
      const stances: Stance[] = ["support", "oppose", "abstain"];
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => takePosition(user.id, measure.id, { stance: stances[i % 3]!, clientId: randomUUID() })),
      );
      const stored = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
      expect(stored).toHaveLength(1);
      expect(stored[0]!.memberId).toBe(member.id);
      await eventually(() => positionsIn(events) === 60);
      const last = changeIn(ordered(events, before).at(-1));
      expect(last.positions.map((p) => p.stance)).toEqual([stored[0]!.stance]);
      expect(last.tally.total).toEqual({
        support: stored[0]!.stance === "support" ? 1 : 0,
        oppose: stored[0]!.stance === "oppose" ? 1 : 0,
        abstain: stored[0]!.stance === "abstain" ? 1 : 0,
      });
    });

    it("stores a comment once however many times it is resent, and announces it once", async () => {
      const { forum, delegates, measure, events } = await room();
      const before = await seqOf(forum.id);
      const sends = delegates.flatMap(({ user }, i) => {
        const input = { body: `Statement ${i}`, clientId: randomUUID() };
        return [input, input, input].map((c) => addComment(user.id, measure.id, c));
      });
      const answers = await Promise.all(sends);
      const stored = await getDb().select().from(comments).where(eq(comments.measureId, measure.id));
      expect(stored).toHaveLength(MEMBERS);
      // Every resend was answered with the stored comment.
      expect(new Set(answers.map((c) => c.id))).toEqual(new Set(stored.map((c) => c.id)));
      await eventually(() => events.length === MEMBERS);
      expect(ordered(events, before).every((e) => e.type === "comment:added")).toBe(true);
      expect(new Set(events.map((e) => (e.type === "comment:added" ? e.comment.id : null))).size).toBe(MEMBERS);
    });
  });
}
