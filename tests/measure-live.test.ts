// The measure page's live state (components/measure-live.ts): what a run of events does to the
// positions, the comments and the History, before the page has rendered any of them.
import { describe, expect, it } from "vitest";
import { measureLiveReducer, type MeasureLive } from "@/components/measure-live";
import { describeAudit } from "@/lib/core/audit-words";
import { noModeration } from "@/lib/core/moderation";
import { emptyTally, tallyFrom } from "@/lib/core/tallies";
import type { CommentView, PositionView } from "@/lib/core/views";

const position = (memberId: string, stance: PositionView["stance"]): PositionView => ({
  memberId,
  delegation: memberId === "m1" ? "Meridia" : "Estlandia",
  stance,
  rationale: "",
  camp: "cyber_sovereignty",
  stakeholderGroup: "state",
  updatedAt: "2026-11-27T10:00:00.000Z",
});

const start = (): MeasureLive => ({ source: {}, tally: emptyTally(), positions: [], comments: [], moderation: noModeration, history: [], lastLiveId: 0 });
const change = (...positions: PositionView[]) => ({
  type: "positions" as const,
  change: { measureId: "x", tally: tallyFrom(positions.map((p) => ({ ...p, count: 1 }))), positions },
});
const words = (state: MeasureLive) => state.history.map((h) => describeAudit(h));

describe("the measure page's live state", () => {
  it("tells a position taken from one changed, however many events come before a render", () => {
    let state = start();
    for (const action of [change(position("m1", "support")), change(position("m2", "abstain")), change(position("m1", "oppose"))]) {
      state = measureLiveReducer(state, action);
    }
    expect(state.positions.map((p) => [p.delegation, p.stance])).toEqual([["Estlandia", "abstain"], ["Meridia", "oppose"]]);
    expect(words(state)).toEqual([
      "Meridia changed position: support → oppose (Cyber Sovereignty)",
      "Estlandia took a position: abstain (Cyber Sovereignty)",
      "Meridia took a position: support (Cyber Sovereignty)",
    ]);
    expect(new Set(state.history.map((h) => h.id)).size).toBe(3);
    expect(state.history.every((h) => h.id < 0)).toBe(true);
  });

  it("adds a comment and its History entry once, even if the event comes twice", () => {
    const comment = { id: "c1", measureId: "x", delegation: "Meridia", createdAt: "2026-11-27T10:01:00.000Z" } as CommentView;
    const once = measureLiveReducer(start(), { type: "comment", comment });
    expect(measureLiveReducer(once, { type: "comment", comment })).toBe(once);
    expect(once.comments).toEqual([comment]);
    expect(words(once)).toEqual(["Meridia commented"]);
  });

  it("starts again from a new snapshot", () => {
    const heard = measureLiveReducer(start(), change(position("m1", "support")));
    const fresh = { ...start(), source: {} };
    expect(measureLiveReducer(heard, { type: "snapshot", live: fresh })).toBe(fresh);
  });
});
