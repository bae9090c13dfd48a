import { describe, expect, it } from "vitest";
import {
  bridgingExplanation,
  bridgingScore,
  campSupportShares,
  divideGap,
  rankCommonGround,
  rankDivides,
} from "@/lib/core/bridging";
import { tallyFrom, type TallyRow } from "@/lib/core/tallies";
import type { Camp } from "@/lib/core/vocabulary";

/** Rows for one camp's support / oppose / abstain counts (stakeholder group does not matter here). */
function camp(name: Camp, support: number, oppose = 0, abstain = 0): TallyRow[] {
  return [
    { camp: name, stakeholderGroup: "state", stance: "support", count: support },
    { camp: name, stakeholderGroup: "state", stance: "oppose", count: oppose },
    { camp: name, stakeholderGroup: "state", stance: "abstain", count: abstain },
  ];
}

describe("bridgingScore", () => {
  it("is 0.125 when nobody has taken a position (one half per camp)", () => {
    expect(bridgingScore(tallyFrom([]))).toBe(0.125);
  });

  it("multiplies each camp's smoothed support share: IF 3/0, CS 2/1, NA none → 4/5 · 3/5 · 1/2 = 0.24", () => {
    const t = tallyFrom([...camp("internet_freedom", 3, 0), ...camp("cyber_sovereignty", 2, 1)]);
    expect(bridgingScore(t)).toBeCloseTo(0.24, 10);
  });

  it("ignores abstentions", () => {
    const t = tallyFrom([...camp("internet_freedom", 3, 0, 7), ...camp("cyber_sovereignty", 2, 1, 2)]);
    expect(bridgingScore(t)).toBeCloseTo(0.24, 10);
  });

  it("is dragged down by one opposed camp however keen the others are: 11/12 · 11/12 · 1/12", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 10, 0),
      ...camp("cyber_sovereignty", 10, 0),
      ...camp("non_aligned", 0, 10),
    ]);
    expect(bridgingScore(t)).toBeCloseTo(121 / 1728, 10);
    expect(bridgingScore(t)).toBeLessThan(0.125);
  });

  it("approaches 1 when every camp supports: (11/12)^3", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 10),
      ...camp("cyber_sovereignty", 10),
      ...camp("non_aligned", 10),
    ]);
    expect(bridgingScore(t)).toBeCloseTo(1331 / 1728, 10);
  });

  it("has a one-line explanation that states the neutral value", () => {
    expect(bridgingExplanation).not.toContain("\n");
    expect(bridgingExplanation).toContain("0.125");
  });
});

describe("campSupportShares", () => {
  it("is support over support plus oppose, and null for a camp with no such position", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 3, 0),
      ...camp("cyber_sovereignty", 2, 1, 5),
      ...camp("non_aligned", 0, 0, 4),
    ]);
    expect(campSupportShares(t)).toEqual({ internet_freedom: 1, cyber_sovereignty: 2 / 3, non_aligned: null });
  });
});

describe("divideGap", () => {
  it("is 0 when only one camp has spoken", () => {
    expect(divideGap(tallyFrom([...camp("internet_freedom", 1, 3)]))).toBe(0);
  });

  it("is 0 with no positions at all", () => {
    expect(divideGap(tallyFrom([]))).toBe(0);
  });

  it("is the largest minus the smallest camp share: IF 3/4, CS 1/4, NA 1/2 → 0.5", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 3, 1),
      ...camp("cyber_sovereignty", 1, 3),
      ...camp("non_aligned", 1, 1),
    ]);
    expect(divideGap(t)).toBe(0.5);
  });

  it("leaves out a camp that has not spoken: IF 1, CS 0, NA none → 1", () => {
    const t = tallyFrom([...camp("internet_freedom", 2, 0), ...camp("cyber_sovereignty", 0, 2)]);
    expect(divideGap(t)).toBe(1);
  });

  it("is 0 when the camps agree in the same proportion", () => {
    const t = tallyFrom([...camp("internet_freedom", 2, 1), ...camp("cyber_sovereignty", 4, 2)]);
    expect(divideGap(t)).toBe(0);
  });
});

describe("rankCommonGround", () => {
  const broad = { id: "broad", tally: tallyFrom([...camp("internet_freedom", 3), ...camp("cyber_sovereignty", 3), ...camp("non_aligned", 3)]) };
  const partisan = { id: "partisan", tally: tallyFrom([...camp("internet_freedom", 9), ...camp("cyber_sovereignty", 0, 9)]) };
  const silentA = { id: "silent-a", tally: tallyFrom([]) };
  const silentB = { id: "silent-b", tally: tallyFrom([]) };

  it("puts the highest bridging score first and attaches the score", () => {
    const ranked = rankCommonGround([partisan, silentA, broad]);
    expect(ranked.map((m) => m.id)).toEqual(["broad", "silent-a", "partisan"]);
    expect(ranked[0]?.bridging).toBeCloseTo(0.512, 10);
    expect(ranked[1]?.bridging).toBe(0.125);
  });

  it("keeps the given order between equal scores", () => {
    expect(rankCommonGround([silentB, broad, silentA]).map((m) => m.id)).toEqual(["broad", "silent-b", "silent-a"]);
  });

  it("leaves the input untouched", () => {
    const input = [partisan, broad];
    rankCommonGround(input);
    expect(input.map((m) => m.id)).toEqual(["partisan", "broad"]);
    expect(input[0]).not.toHaveProperty("bridging");
  });
});

describe("rankDivides", () => {
  const split = { id: "split", tally: tallyFrom([...camp("internet_freedom", 4), ...camp("cyber_sovereignty", 0, 4)]) };
  const leaning = { id: "leaning", tally: tallyFrom([...camp("internet_freedom", 3, 1), ...camp("cyber_sovereignty", 1, 1)]) };
  const leaningToo = { id: "leaning-too", tally: tallyFrom([...camp("non_aligned", 1, 1), ...camp("cyber_sovereignty", 3, 1)]) };
  const agreed = { id: "agreed", tally: tallyFrom([...camp("internet_freedom", 2), ...camp("cyber_sovereignty", 5)]) };
  const lonely = { id: "lonely", tally: tallyFrom([...camp("non_aligned", 0, 3)]) };

  it("puts the largest gap first and attaches the gap", () => {
    const ranked = rankDivides([leaning, split]);
    expect(ranked.map((m) => [m.id, m.gap])).toEqual([
      ["split", 1],
      ["leaning", 0.25],
    ]);
  });

  it("leaves out measures on which the camps do not divide", () => {
    expect(rankDivides([agreed, lonely, leaning]).map((m) => m.id)).toEqual(["leaning"]);
  });

  it("keeps the given order between equal gaps", () => {
    expect(rankDivides([leaningToo, split, leaning]).map((m) => m.id)).toEqual(["split", "leaning-too", "leaning"]);
  });
});
