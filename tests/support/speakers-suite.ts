// The speakers' list against a real database and a real Socket.IO room: who may do what, one
// place per delegation, the floor given in turn, and speaking time ended once.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb, type Database } from "@/db/client";
import { floorRequests, members } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { removeMember } from "@/lib/forum/members";
import { endTurn, getSpeakers, settleSpeakingTime, withdrawFloorRequest } from "@/lib/forum/speakers";
import { collect, eventWhere, eventually, joinRoom, withLiveServer } from "./live-server";
import { addMember, newForum, newUser } from "./world";
import { updateForum, changeRole, giveFloor, requestFloor, proposeMeasure } from "./edge";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : e instanceof ZodError ? `invalid: ${e.issues[0]?.message}` : String(e)),
  );

const ask = (userId: string, forumId: string, measureId: string | null = null) =>
  requestFloor(userId, forumId, { measureId, clientId: randomUUID() });

export function speakersSuite(open: () => Promise<Database>) {
  const live = withLiveServer(open);

  async function room() {
    const { chair, forum } = await newForum();
    const a = await addMember(forum, { camp: "internet_freedom", delegation: "Northland" });
    const b = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
    const c = await addMember(forum, { camp: "non_aligned", delegation: "Aurelia" });
    return { chair, forum, a, b, c };
  }

  describe("the speakers' list", () => {
    it("queues delegations in the order they asked, each once, and publishes the whole list", async () => {
      const { chair, forum, a, b } = await room();
      const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
      const watcher = await live.socketAs(chair.id);
      const seq = await joinRoom(watcher, forum.id);
      const announced = eventWhere(watcher, (e) => e.type === "speakers:changed");

      await ask(a.user.id, forum.id);
      const event = await announced;
      expect(event).toMatchObject({ type: "speakers:changed", seq: seq + 1 });
      await ask(b.user.id, forum.id, measure.id);

      const list = await getSpeakers(chair.id, forum.id);
      expect(list.seq).toBe(seq + 2);
      expect(list.speaker).toBeNull();
      expect(list.queue.map((r) => [r.delegation, r.measureTitle])).toEqual([
        ["Northland", null],
        ["Meridia", "Hotline"],
      ]);
      expect(await refusal(ask(a.user.id, forum.id))).toBe("conflict: Your delegation is already on the speakers' list.");
    });

    it("puts a request sent twice (same clientId) on the list once", async () => {
      const { forum, a } = await room();
      const input = { measureId: null, clientId: randomUUID() };
      const answers = await Promise.all([1, 2, 3].map(() => requestFloor(a.user.id, forum.id, input)));
      expect(new Set(answers.map((r) => r.requestId)).size).toBe(1);
      const rows = await getDb().select().from(floorRequests).where(eq(floorRequests.forumId, forum.id));
      expect(rows).toHaveLength(1);
    });

    it("refuses observers, outsiders, drafts, other forums' measures, and a closed forum", async () => {
      const { chair, forum, a } = await room();
      const observer = await addMember(forum, { camp: "non_aligned", role: "observer" });
      const outsider = await newUser();
      const draft = await proposeMeasure(a.user.id, forum.id, { title: "Draft", kind: "norm", text: "x", draft: true });
      const other = await newForum();
      const elsewhere = await proposeMeasure(other.chair.id, other.forum.id, { title: "Elsewhere", kind: "norm", text: "x" });

      expect(await refusal(ask(observer.user.id, forum.id))).toBe("forbidden: Observers follow the debate but do not take the floor.");
      expect(await refusal(ask(outsider.id, forum.id))).toBe("not_found: Forum was not found.");
      expect(await refusal(ask(a.user.id, forum.id, draft.id))).toMatch(/^conflict: A draft is not on the agenda/);
      expect(await refusal(ask(chair.id, forum.id, elsewhere.id))).toBe("not_found: Measure was not found.");
      expect(await refusal(requestFloor(a.user.id, forum.id, { measureId: "x", clientId: randomUUID() }))).toMatch(/^invalid/);
      expect(await refusal(requestFloor(a.user.id, forum.id, { measureId: null, clientId: "retry-1" }))).toMatch(/^invalid: clientId/);
      await updateForum(chair.id, forum.id, { status: "closed" });
      expect(await refusal(ask(a.user.id, forum.id))).toMatch(/^conflict: This forum is closed/);
      expect(await getDb().select().from(floorRequests).where(eq(floorRequests.forumId, forum.id))).toEqual([]);
    });

    it("lets the chair give the floor in turn, with a speaking time, and end the turn", async () => {
      const { chair, forum, a, b, c } = await room();
      for (const m of [a, b, c]) await ask(m.user.id, forum.id);
      const start = new Date();
      let list = await giveFloor(chair.id, forum.id, { seconds: 120 }, start);
      expect(list.speaker).toMatchObject({ delegation: "Northland", status: "speaking", endsAt: new Date(start.getTime() + 120_000).toISOString() });
      expect(list.queue.map((r) => r.delegation)).toEqual(["Meridia", "Aurelia"]);

      // Out of turn: the chair picks Aurelia; Northland has finished.
      list = await giveFloor(chair.id, forum.id, { requestId: list.queue[1]!.id });
      expect(list.speaker).toMatchObject({ delegation: "Aurelia", endsAt: null });
      expect(list.queue.map((r) => r.delegation)).toEqual(["Meridia"]);
      expect(list.lastTurn).toMatchObject({ delegation: "Northland", timeUp: false });

      list = await endTurn(chair.id, forum.id);
      expect(list.speaker).toBeNull();
      expect(await refusal(endTurn(chair.id, forum.id))).toBe("conflict: Nobody has the floor.");
      await giveFloor(chair.id, forum.id, {});
      expect(await refusal(giveFloor(chair.id, forum.id, {}))).toBe("conflict: Nobody is waiting for the floor.");
      expect(await refusal(giveFloor(chair.id, forum.id, { seconds: 5 }))).toMatch(/^invalid: Speaking time must be at least 10 seconds/);
    });

    it("keeps the floor in the chair's hands: delegates cannot give it, end turns or remove others", async () => {
      const { forum, a, b } = await room();
      const { requestId } = await ask(b.user.id, forum.id);
      expect(await refusal(giveFloor(a.user.id, forum.id, {}))).toBe("forbidden: Only the chair gives the floor.");
      expect(await refusal(endTurn(a.user.id, forum.id))).toBe("forbidden: Only the chair ends a turn.");
      expect(await refusal(withdrawFloorRequest(a.user.id, forum.id, requestId))).toBe(
        "forbidden: Only the chair can take another delegation off the speakers' list.",
      );
      expect(await refusal(withdrawFloorRequest(a.user.id, forum.id, randomUUID()))).toBe("not_found: Request for the floor was not found.");
    });

    it("lets a delegation withdraw, the chair remove, and a speaker yield; repeating changes nothing", async () => {
      const { chair, forum, a, b, c } = await room();
      const ra = await ask(a.user.id, forum.id);
      const rb = await ask(b.user.id, forum.id);
      const rc = await ask(c.user.id, forum.id);
      await withdrawFloorRequest(a.user.id, forum.id, ra.requestId);
      await withdrawFloorRequest(chair.id, forum.id, rb.requestId);
      expect((await withdrawFloorRequest(a.user.id, forum.id, ra.requestId)).queue.map((r) => r.delegation)).toEqual(["Aurelia"]);
      await giveFloor(chair.id, forum.id, {});
      const list = await withdrawFloorRequest(c.user.id, forum.id, rc.requestId);
      expect(list.speaker).toBeNull();
      const statuses = await getDb().select({ id: floorRequests.id, status: floorRequests.status }).from(floorRequests).where(eq(floorRequests.forumId, forum.id));
      expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
        [ra.requestId]: "withdrawn",
        [rb.requestId]: "removed",
        [rc.requestId]: "done",
      });
      // Back on the list after speaking: a new request.
      expect(await refusal(ask(c.user.id, forum.id))).toBe("ok");
    });

    it("leaves a removed member's request off the list, and gives the floor to the next in line", async () => {
      const { chair, forum, a, b } = await room();
      await ask(a.user.id, forum.id);
      await ask(b.user.id, forum.id);
      await removeMember(chair.id, forum.id, a.member.id);
      const list = await giveFloor(chair.id, forum.id, {});
      expect(list.speaker?.delegation).toBe("Meridia");
      expect(list.queue).toEqual([]);
    });

    it("takes the floor from a speaker who is removed, or made observer, and closes their request", async () => {
      const { chair, forum, a, b } = await room();
      await ask(a.user.id, forum.id);
      await ask(b.user.id, forum.id);
      await giveFloor(chair.id, forum.id, {});
      await removeMember(chair.id, forum.id, a.member.id);
      const refused = await endTurn(chair.id, forum.id).then(
        () => null,
        (e: unknown) => (e as DomainError).code,
      );
      expect(refused).toBe("conflict");
      await changeRole(chair.id, forum.id, b.member.id, { role: "observer" });
      const after = await getSpeakers(chair.id, forum.id);
      expect([after.speaker, after.queue]).toEqual([null, []]);
      const closed = await getDb().select().from(floorRequests).where(eq(floorRequests.forumId, forum.id));
      expect(closed.map((r) => r.status).sort()).toEqual(["removed", "removed"]);
    });

    it("ends a turn when its speaking time runs out, once, however many sweeps race", async () => {
      const { chair, forum, a, b } = await room();
      await ask(a.user.id, forum.id);
      await ask(b.user.id, forum.id);
      const start = new Date();
      await giveFloor(chair.id, forum.id, { seconds: 60 }, start);
      const watcher = await live.socketAs(chair.id);
      await joinRoom(watcher, forum.id);
      const events = collect(watcher);

      expect(await settleSpeakingTime(new Date(start.getTime() + 59_000))).toBe(0);
      const later = new Date(start.getTime() + 60_001);
      // Several instances sweeping at the same moment (on PostgreSQL, truly in parallel).
      const settled = await Promise.all([1, 2, 3, 4].map(() => settleSpeakingTime(later)));
      expect(settled.reduce((x, y) => x + y, 0)).toBe(1);
      await eventually(() => events.length === 1);

      const list = await getSpeakers(chair.id, forum.id);
      expect(list.speaker).toBeNull();
      expect(list.lastTurn).toEqual({ delegation: "Northland", endedAt: new Date(start.getTime() + 60_000).toISOString(), timeUp: true });
      expect(list.queue.map((r) => r.delegation)).toEqual(["Meridia"]);
      // The sweep does not touch a turn given since.
      await giveFloor(chair.id, forum.id, { seconds: 60 }, later);
      expect(await settleSpeakingTime(new Date(later.getTime() + 30_000))).toBe(0);
    });

    it("hides the list from outsiders and from removed members", async () => {
      const { chair, forum, a } = await room();
      const outsider = await newUser();
      expect(await refusal(getSpeakers(outsider.id, forum.id))).toBe("not_found: Forum was not found.");
      await getDb().update(members).set({ removedAt: new Date() }).where(eq(members.id, a.member.id));
      expect(await refusal(getSpeakers(a.user.id, forum.id))).toBe("not_found: Forum was not found.");
      expect(await refusal(getSpeakers(chair.id, forum.id))).toBe("ok");
    });
  });
}
