// Positions reach a room at most once per window (lib/realtime.ts): a quiet room hears the first
// at once, positions that follow within the window travel together, and the room still hears
// every seq once, in order. Events published in one tick make the timing certain.
import { describe, expect, it, vi } from "vitest";
import type { ForumEvent, PositionChange } from "@/lib/core/events";
import { publish } from "@/lib/live/realtime";
import { emptyTally, type Tally } from "@/lib/core/tallies";
import type { PositionView } from "@/lib/core/views";
import { openTestPglite } from "./support/databases";
import { collect, eventually, joinRoom, withLiveServer } from "./support/live-server";
import { newForum } from "./support/world";

const live = withLiveServer(openTestPglite);

const position = (memberId: string, stance: PositionView["stance"]): PositionView => ({
  memberId,
  stance,
  rationale: "",
  camp: "non_aligned",
  stakeholderGroup: "state",
  updatedAt: new Date(0).toISOString(),
  delegation: memberId,
});

function tallyOf(support: number): Tally {
  const tally = emptyTally();
  tally.total.support = support;
  return tally;
}

function positions(forumId: string, firstSeq: number, seq: number, changes: PositionChange[]): ForumEvent {
  return { type: "positions:changed", forumId, firstSeq, seq, changes };
}

async function watchedForum() {
  const { chair, forum } = await newForum();
  const watcher = await live.socketAs(chair.id);
  const seq = await joinRoom(watcher, forum.id);
  return { forumId: forum.id, seq, events: collect(watcher) };
}

describe("positions sent to a room", () => {
  it("go out at once in a quiet room; those that follow within the window go together, before the next event", async () => {
    const { forumId, seq: s, events } = await watchedForum();
    publish(positions(forumId, s + 1, s + 1, [{ measureId: "m1", tally: tallyOf(1), positions: [position("a", "support")] }]));
    publish(positions(forumId, s + 2, s + 3, [{ measureId: "m1", tally: tallyOf(2), positions: [position("b", "support"), position("a", "oppose")] }]));
    publish(positions(forumId, s + 4, s + 4, [
      { measureId: "m1", tally: tallyOf(3), positions: [position("a", "support")] },
      { measureId: "m2", tally: tallyOf(1), positions: [position("c", "support")] },
    ]));
    publish({ type: "text:changed", forumId, seq: s + 5, measureId: "m1" });

    await eventually(() => events.length === 3);
    expect(events).toEqual([
      positions(forumId, s + 1, s + 1, [{ measureId: "m1", tally: tallyOf(1), positions: [position("a", "support")] }]),
      // a's later position replaces the earlier; the later tally of m1 wins.
      positions(forumId, s + 2, s + 4, [
        { measureId: "m1", tally: tallyOf(3), positions: [position("b", "support"), position("a", "support")] },
        { measureId: "m2", tally: tallyOf(1), positions: [position("c", "support")] },
      ]),
      { type: "text:changed", forumId, seq: s + 5, measureId: "m1" },
    ]);
  });

  it("are not merged across a gap: seqs taken by another instance stay theirs", async () => {
    const { forumId, seq: s, events } = await watchedForum();
    const change = (n: number): PositionChange[] => [{ measureId: "m1", tally: tallyOf(n), positions: [position(`d${n}`, "support")] }];
    publish(positions(forumId, s + 1, s + 1, change(1)));
    publish(positions(forumId, s + 2, s + 2, change(2)));
    // s + 3 went to a position written through another instance.
    publish(positions(forumId, s + 4, s + 4, change(4)));

    await eventually(() => events.length === 3);
    expect(events.map((e) => [e.type === "positions:changed" && e.firstSeq, e.seq])).toEqual([
      [s + 1, s + 1],
      [s + 2, s + 2],
      [s + 4, s + 4],
    ]);
  });

  it("are held for the room whichever copy of lib/realtime publishes the next event (Next's bundle has its own)", async () => {
    const { forumId, seq: s, events } = await watchedForum();
    vi.resetModules();
    const nextCopy = await import("@/lib/live/realtime");
    const change = (n: number): PositionChange[] => [{ measureId: "m1", tally: tallyOf(n), positions: [position(`d${n}`, "support")] }];
    publish(positions(forumId, s + 1, s + 1, change(1)));
    publish(positions(forumId, s + 2, s + 2, change(2)));
    nextCopy.publish({ type: "text:changed", forumId, seq: s + 3, measureId: "m1" });

    await eventually(() => events.length === 3);
    expect(events.map((e) => e.seq)).toEqual([s + 1, s + 2, s + 3]);
  });
});
