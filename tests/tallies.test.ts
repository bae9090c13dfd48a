import { describe, expect, it } from "vitest";
import { countOf, emptyTally, tallyFrom } from "@/lib/core/tallies";

describe("tallyFrom", () => {
  it("is all zeros for no positions, with every camp and group present", () => {
    const t = tallyFrom([]);
    expect(t).toEqual(emptyTally());
    expect(Object.keys(t.byCamp)).toEqual(["internet_freedom", "cyber_sovereignty", "non_aligned"]);
    expect(countOf(t.total)).toBe(0);
  });

  it("adds grouped counts overall, per camp and per stakeholder group", () => {
    const t = tallyFrom([
      { camp: "internet_freedom", stakeholderGroup: "state", stance: "support", count: 3 },
      { camp: "internet_freedom", stakeholderGroup: "civil_society", stance: "oppose", count: 1 },
      { camp: "cyber_sovereignty", stakeholderGroup: "state", stance: "support", count: 2 },
      { camp: "non_aligned", stakeholderGroup: "academia", stance: "abstain", count: 4 },
    ]);
    expect(t.total).toEqual({ support: 5, oppose: 1, abstain: 4 });
    expect(t.byCamp.internet_freedom).toEqual({ support: 3, oppose: 1, abstain: 0 });
    expect(t.byCamp.cyber_sovereignty).toEqual({ support: 2, oppose: 0, abstain: 0 });
    expect(t.byGroup.state).toEqual({ support: 5, oppose: 0, abstain: 0 });
    expect(t.byGroup.academia).toEqual({ support: 0, oppose: 0, abstain: 4 });
    expect(countOf(t.total)).toBe(10);
  });
});
