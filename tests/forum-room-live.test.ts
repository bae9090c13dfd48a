// The forum page's live state (components/forum-room-live.ts): what each kind of event does to the
// forum, its members and one page of the agenda, and when the page must re-read itself.
import { describe, expect, it } from "vitest";
import { forumRoomStep, type ForumRoomFrame, type ForumRoomLive } from "@/components/forum-room-live";
import type { AgendaItem } from "@/lib/core/agenda";
import type { ForumEvent } from "@/lib/core/events";
import { emptyTally, tallyFrom } from "@/lib/core/tallies";
import type { ForumView, MeasureSummary, MemberView } from "@/lib/core/views";

const forum: ForumView = {
  id: "f1",
  title: "OEWG",
  description: "",
  joinCode: "ABCDEFGH",
  status: "open",
  defaultRule: "simple_majority",
  defaultQuorum: null,
  defaultCrossCampMin: 1,
  discloseMemberNames: false,
  createdAt: "2026-12-01T09:00:00.000Z",
};

const member = (id: string, delegation: string): MemberView => ({
  id,
  userId: `u-${id}`,
  role: "delegate",
  stakeholderGroup: "state",
  delegation,
  camp: "non_aligned",
  joinedAt: "2026-12-01T09:00:00.000Z",
  name: delegation,
});

const summary = (id: string, over: Partial<MeasureSummary> = {}): MeasureSummary => ({
  id,
  forumId: "f1",
  title: `Measure ${id}`,
  kind: "cbm",
  category: "other",
  status: "under_discussion",
  createdAt: "2026-12-01T10:00:00.000Z",
  proposedBy: "Northland",
  tally: emptyTally(),
  commentCount: 0,
  decision: null,
  ...over,
});

const item = (id: string): AgendaItem => ({
  id,
  title: `Measure ${id}`,
  kind: "cbm",
  category: "other",
  status: "under_discussion",
  proposedBy: "Northland",
  commentCount: 0,
  tally: { total: emptyTally().total, byCamp: emptyTally().byCamp },
  decision: null,
});

const state = (over: Partial<ForumRoomLive> = {}): ForumRoomLive => ({
  forum,
  members: [member("m1", "Northland"), member("m2", "Meridia")],
  items: [item("a"), item("b")],
  totals: { inView: 2, onAgenda: 2 },
  orderStale: false,
  ...over,
});

const agendaFrame: ForumRoomFrame = { meId: "m1", view: "agenda", page: 1, pageSize: 25 };
const base = { forumId: "f1", seq: 10 };
const step = (event: ForumEvent, s = state(), frame = agendaFrame) => forumRoomStep(s, frame, event);

describe("the forum page's live state", () => {
  it("forum:changed replaces the forum", () => {
    const next = step({ ...base, type: "forum:changed", forum: { ...forum, title: "Renamed" } });
    expect(next.state.forum.title).toBe("Renamed");
    expect(next.refresh).toBe(false);
  });

  it("member:joined adds the member once", () => {
    const joined = member("m3", "Aurelia");
    const once = step({ ...base, type: "member:joined", member: joined });
    expect(once.state.members.map((m) => m.delegation)).toEqual(["Northland", "Meridia", "Aurelia"]);
    expect(step({ ...base, type: "member:joined", member: joined }, once.state).state.members).toHaveLength(3);
  });

  it("member:changed updates the member, and re-reads when it is me or tallies moved", () => {
    const renamed = { ...member("m2", "Meridia (Rev.)") };
    const other = step({ ...base, type: "member:changed", member: renamed, measureIds: [] });
    expect(other.state.members[1]!.delegation).toBe("Meridia (Rev.)");
    expect(other.refresh).toBe(false);
    expect(step({ ...base, type: "member:changed", member: renamed, measureIds: ["a"] }).refresh).toBe(true);
    expect(step({ ...base, type: "member:changed", member: member("m1", "Northland"), measureIds: [] }).refresh).toBe(true);
  });

  it("member:removed drops the member and re-reads the tallies it withdrew", () => {
    const next = step({ ...base, type: "member:removed", memberId: "m2", userId: "u-m2", measureIds: [] });
    expect(next.state.members.map((m) => m.id)).toEqual(["m1"]);
    expect(next.refresh).toBe(true);
  });

  it("measure:changed replaces a card on this page, and re-reads for one it does not hold", () => {
    const decided = step({ ...base, type: "measure:changed", measure: summary("a", { status: "adopted" }) });
    expect(decided.state.items[0]!.status).toBe("adopted");
    expect(decided.refresh).toBe(false);
    expect(step({ ...base, type: "measure:changed", measure: summary("z") }).refresh).toBe(true);
  });

  it("measure:proposed leads the agenda's first page, pushing the last card off a full page", () => {
    const full = state({ items: [item("a"), item("b")], totals: { inView: 2, onAgenda: 2 } });
    const next = step({ ...base, type: "measure:proposed", measure: summary("n") }, full, { ...agendaFrame, pageSize: 2 });
    expect(next.state.items.map((m) => m.id)).toEqual(["n", "a"]);
    expect(next.state.totals).toEqual({ inView: 3, onAgenda: 3 });
    expect(next.refresh).toBe(false);
  });

  it("measure:proposed on a later page or another view re-reads; one the view leaves out only counts", () => {
    expect(step({ ...base, type: "measure:proposed", measure: summary("n") }, state(), { ...agendaFrame, page: 2 }).refresh).toBe(true);
    const divides = step({ ...base, type: "measure:proposed", measure: summary("n") }, state(), { ...agendaFrame, view: "divides" });
    expect(divides.refresh).toBe(false);
    expect(divides.state.totals).toEqual({ inView: 2, onAgenda: 3 });
  });

  it("positions:changed moves the tallies of the cards it names, and marks a paged ranking stale", () => {
    const tally = tallyFrom([{ camp: "internet_freedom", stakeholderGroup: "state", stance: "support", count: 2 }]);
    const event: ForumEvent = { ...base, type: "positions:changed", firstSeq: 9, changes: [{ measureId: "b", tally, positions: [] }] };
    const agenda = step(event);
    expect(agenda.state.items[1]!.tally.total.support).toBe(2);
    expect(agenda.state.items[1]!.tally).not.toHaveProperty("byGroup");
    expect(agenda.state.orderStale).toBe(false);
    expect(step(event, state(), { ...agendaFrame, view: "divides" }).state.orderStale).toBe(true);
    const onePage = step(event, state(), { ...agendaFrame, view: "common-ground" });
    expect(onePage.state.orderStale).toBe(false);
    const paged = step(event, state({ totals: { inView: 30, onAgenda: 30 } }), { ...agendaFrame, view: "common-ground" });
    expect(paged.state.orderStale).toBe(true);
  });

  it("comment:added counts the comment on its card", () => {
    const next = step({ ...base, type: "comment:added", measureId: "a", comment: {} as never });
    expect(next.state.items.map((m) => m.commentCount)).toEqual([1, 0]);
  });

  it("text:changed and speakers:changed leave the agenda as it is", () => {
    const before = state();
    expect(step({ ...base, type: "text:changed", measureId: "a" }, before)).toEqual({ state: before, refresh: false });
    const speakers = { speaker: null, queue: [], lastTurn: null };
    expect(step({ ...base, type: "speakers:changed", speakers }, before)).toEqual({ state: before, refresh: false });
  });
});
