// What each decision rule says about a tally (lib/core/decision-rules.ts), rule by rule. One file
// because it is the rules' specification read side by side: the same tallies pass under one rule
// and fail under another, and splitting it would scatter those comparisons.
import { describe, expect, it } from "vitest";
import { evaluateDecision, ruleExplanations, ruleLabels, type RuleConfig } from "@/lib/core/decision-rules";
import { tallyFrom, type TallyRow } from "@/lib/core/tallies";
import { decisionRules, type Camp, type DecisionRule } from "@/lib/core/vocabulary";

/** Rows for one camp's support / oppose / abstain counts (stakeholder group does not matter here). */
function camp(name: Camp, support: number, oppose = 0, abstain = 0): TallyRow[] {
  return [
    { camp: name, stakeholderGroup: "state", stance: "support", count: support },
    { camp: name, stakeholderGroup: "state", stance: "oppose", count: oppose },
    { camp: name, stakeholderGroup: "state", stance: "abstain", count: abstain },
  ];
}

const rule = (r: DecisionRule, more: Partial<RuleConfig> = {}): RuleConfig => ({
  rule: r,
  quorum: null,
  crossCampMin: 2,
  ...more,
});

describe("simple majority", () => {
  it("passes when support outnumbers opposition", () => {
    const t = tallyFrom([...camp("internet_freedom", 3), ...camp("cyber_sovereignty", 0, 2)]);
    expect(evaluateDecision(rule("simple_majority"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in support",
      reasons: ["3 of 5 support — majority"],
    });
  });

  it("fails when opposition outnumbers support", () => {
    const t = tallyFrom([...camp("internet_freedom", 2), ...camp("cyber_sovereignty", 0, 3)]);
    expect(evaluateDecision(rule("simple_majority"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: support below majority",
      reasons: ["2 of 5 support — below majority"],
    });
  });

  it("fails on a 3–3 tie", () => {
    const t = tallyFrom([...camp("internet_freedom", 3), ...camp("cyber_sovereignty", 0, 3)]);
    expect(evaluateDecision(rule("simple_majority"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: tied 3–3",
      reasons: ["3 of 6 support — tied"],
    });
  });

  it("counts abstentions for neither side", () => {
    const t = tallyFrom([...camp("internet_freedom", 2, 1), ...camp("non_aligned", 0, 0, 5)]);
    expect(evaluateDecision(rule("simple_majority"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in support",
      reasons: ["2 of 3 support — majority", "5 abstentions not counted"],
    });
  });

  it("fails when everyone abstains", () => {
    const t = tallyFrom([...camp("non_aligned", 0, 0, 4)]);
    expect(evaluateDecision(rule("simple_majority"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: no support or oppose positions yet",
      reasons: ["No support or oppose positions yet", "4 abstentions not counted"],
    });
  });
});

describe("two-thirds majority", () => {
  it("passes at exactly two-thirds (4 of 6)", () => {
    const t = tallyFrom([...camp("internet_freedom", 4, 2)]);
    expect(evaluateDecision(rule("two_thirds"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: two-thirds in support",
      reasons: ["4 of 6 support — two-thirds reached (4 needed)"],
    });
  });

  it("fails just below two-thirds (5 of 8)", () => {
    const t = tallyFrom([...camp("internet_freedom", 5, 3)]);
    expect(evaluateDecision(rule("two_thirds"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: support below two-thirds",
      reasons: ["5 of 8 support — below two-thirds (6 needed)"],
    });
  });

  it("passes at exactly two-thirds of a large vote (200 of 300) and fails one short (199 of 299)", () => {
    expect(evaluateDecision(rule("two_thirds"), tallyFrom(camp("internet_freedom", 200, 100)), 0).passes).toBe(true);
    expect(evaluateDecision(rule("two_thirds"), tallyFrom(camp("internet_freedom", 199, 100)), 0).passes).toBe(false);
  });

  it("fails when everyone abstains", () => {
    const t = tallyFrom([...camp("non_aligned", 0, 0, 1)]);
    expect(evaluateDecision(rule("two_thirds"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: no support or oppose positions yet",
      reasons: ["No support or oppose positions yet", "1 abstention not counted"],
    });
  });
});

describe("consensus", () => {
  it("passes when nobody opposes, abstentions included", () => {
    const t = tallyFrom([...camp("internet_freedom", 5), ...camp("cyber_sovereignty", 0, 0, 3)]);
    expect(evaluateDecision(rule("consensus"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: no delegation objects",
      reasons: ["No delegation objects"],
    });
  });

  it("fails when two delegations object, however large the support", () => {
    const t = tallyFrom([...camp("internet_freedom", 40), ...camp("cyber_sovereignty", 10, 2)]);
    expect(evaluateDecision(rule("consensus"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: 2 delegations object",
      reasons: ["2 delegations object"],
    });
  });

  it("names a single objecting delegation in the singular", () => {
    const t = tallyFrom([...camp("internet_freedom", 4), ...camp("non_aligned", 0, 1)]);
    expect(evaluateDecision(rule("consensus"), t, 0).reasons).toEqual(["1 delegation objects"]);
  });

  it("passes when everyone abstains", () => {
    const t = tallyFrom([...camp("non_aligned", 0, 0, 3)]);
    expect(evaluateDecision(rule("consensus"), t, 0).passes).toBe(true);
  });

  it("fails when everyone abstains but the quorum is not met", () => {
    const t = tallyFrom([...camp("non_aligned", 0, 0, 3)]);
    expect(evaluateDecision(rule("consensus", { quorum: 5 }), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: quorum not met",
      reasons: ["Quorum not met: 3 of 5 positions needed", "No delegation objects"],
    });
  });
});

describe("cross-camp majority", () => {
  it("passes with a majority in every camp", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 5, 1),
      ...camp("cyber_sovereignty", 3, 1),
      ...camp("non_aligned", 2, 0),
    ]);
    expect(evaluateDecision(rule("cross_camp"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in every counted camp",
      reasons: [
        "Internet Freedom: 5 of 6 support — majority",
        "Cyber Sovereignty: 3 of 4 support — majority",
        "Non-aligned: 2 of 2 support — majority",
      ],
    });
  });

  it("is blocked by one camp's minority even when the overall vote is lopsided", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 20, 0),
      ...camp("cyber_sovereignty", 1, 2),
      ...camp("non_aligned", 6, 1),
    ]);
    expect(evaluateDecision(rule("cross_camp"), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: Cyber Sovereignty below majority",
      reasons: [
        "Internet Freedom: 20 of 20 support — majority",
        "Cyber Sovereignty: 1 of 3 support — below majority",
        "Non-aligned: 6 of 7 support — majority",
      ],
    });
  });

  it("does not count a camp with fewer than N support or oppose positions", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 5, 1),
      ...camp("cyber_sovereignty", 3, 1),
      ...camp("non_aligned", 0, 1, 4),
    ]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 2 }), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in every counted camp",
      reasons: [
        "Internet Freedom: 5 of 6 support — majority",
        "Cyber Sovereignty: 3 of 4 support — majority",
        "Non-aligned: 0 of 1 support — not counted (fewer than 2 positions)",
      ],
    });
  });

  it("counts that same camp once it reaches N, and then it blocks", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 5, 1),
      ...camp("cyber_sovereignty", 3, 1),
      ...camp("non_aligned", 0, 1),
    ]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 1 }), t, 0)).toMatchObject({
      passes: false,
      headline: "Would not pass: Non-aligned below majority",
    });
  });

  it("says 'position' in the singular when N is 1", () => {
    const t = tallyFrom([...camp("internet_freedom", 1), ...camp("cyber_sovereignty", 1)]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 1 }), t, 0).reasons).toEqual([
      "Internet Freedom: 1 of 1 support — majority",
      "Cyber Sovereignty: 1 of 1 support — majority",
      "Non-aligned: 0 of 0 support — not counted (fewer than 1 position)",
    ]);
  });

  it("treats a tie inside a camp as below majority", () => {
    const t = tallyFrom([...camp("internet_freedom", 4, 0), ...camp("cyber_sovereignty", 2, 2)]);
    expect(evaluateDecision(rule("cross_camp"), t, 0)).toMatchObject({
      passes: false,
      headline: "Would not pass: Cyber Sovereignty below majority",
    });
    expect(evaluateDecision(rule("cross_camp"), t, 0).reasons[1]).toBe(
      "Cyber Sovereignty: 2 of 4 support — below majority",
    );
  });

  it("names every blocking camp in the headline", () => {
    const t = tallyFrom([
      ...camp("internet_freedom", 1, 3),
      ...camp("cyber_sovereignty", 0, 2),
      ...camp("non_aligned", 3, 0),
    ]);
    expect(evaluateDecision(rule("cross_camp"), t, 0).headline).toBe(
      "Would not pass: Internet Freedom and Cyber Sovereignty below majority",
    );
  });

  it("fails when no camp has enough positions to count", () => {
    const t = tallyFrom([...camp("internet_freedom", 1), ...camp("non_aligned", 0, 0, 6)]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 2 }), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: no camp has enough positions to count",
      reasons: [
        "No camp has 2 support or oppose positions yet",
        "Internet Freedom: 1 of 1 support — not counted (fewer than 2 positions)",
        "Cyber Sovereignty: 0 of 0 support — not counted (fewer than 2 positions)",
        "Non-aligned: 0 of 0 support — not counted (fewer than 2 positions)",
      ],
    });
  });

  it("fails when everyone abstains, because no camp qualifies", () => {
    const t = tallyFrom([...camp("internet_freedom", 0, 0, 3), ...camp("cyber_sovereignty", 0, 0, 3)]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 1 }), t, 0)).toMatchObject({
      passes: false,
      headline: "Would not pass: no camp has enough positions to count",
    });
  });

  it("treats a minimum below 1 as 1, so an empty camp never blocks", () => {
    const t = tallyFrom([...camp("internet_freedom", 2)]);
    expect(evaluateDecision(rule("cross_camp", { crossCampMin: 0 }), t, 0).passes).toBe(true);
  });
});

describe("silence procedure", () => {
  it("passes with no objection, whatever the positions say", () => {
    const t = tallyFrom([...camp("cyber_sovereignty", 0, 4)]);
    expect(evaluateDecision(rule("silence"), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: silence unbroken",
      reasons: ["Silence unbroken"],
    });
  });

  it("fails when two objections break silence", () => {
    const t = tallyFrom([...camp("internet_freedom", 9)]);
    expect(evaluateDecision(rule("silence"), t, 2)).toEqual({
      passes: false,
      headline: "Would not pass: silence broken by 2 objections",
      reasons: ["Silence broken by 2 objections"],
    });
  });

  it("names a single objection in the singular", () => {
    expect(evaluateDecision(rule("silence"), tallyFrom([]), 1).reasons).toEqual(["Silence broken by 1 objection"]);
  });

  it("ignores the quorum, since silence adopts by absence of objection", () => {
    expect(evaluateDecision(rule("silence", { quorum: 5 }), tallyFrom([]), 0)).toEqual({
      passes: true,
      headline: "Would pass: silence unbroken",
      reasons: ["Silence unbroken"],
    });
  });
});

describe("quorum", () => {
  // Three supporters in two camps: enough for every position-based rule with N = 1.
  const threeSupport = () => tallyFrom([...camp("internet_freedom", 2), ...camp("cyber_sovereignty", 1)]);

  it.each(["simple_majority", "two_thirds", "consensus", "cross_camp"] as const)(
    "fails %s when fewer positions than the quorum are taken",
    (r) => {
      expect(evaluateDecision(rule(r, { crossCampMin: 1 }), threeSupport(), 0).passes).toBe(true);
      const verdict = evaluateDecision(rule(r, { quorum: 5, crossCampMin: 1 }), threeSupport(), 0);
      expect(verdict.passes).toBe(false);
      expect(verdict.headline).toBe("Would not pass: quorum not met");
      expect(verdict.reasons[0]).toBe("Quorum not met: 3 of 5 positions needed");
    },
  );

  it("puts the quorum line before the rule's reasons when met", () => {
    const t = tallyFrom([...camp("internet_freedom", 4), ...camp("cyber_sovereignty", 1, 1)]);
    expect(evaluateDecision(rule("simple_majority", { quorum: 5 }), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in support",
      reasons: ["Quorum met: 6 positions (5 needed)", "5 of 6 support — majority"],
    });
  });

  it("counts abstentions towards the quorum", () => {
    const t = tallyFrom([...camp("internet_freedom", 2), ...camp("non_aligned", 0, 0, 3)]);
    expect(evaluateDecision(rule("simple_majority", { quorum: 5 }), t, 0)).toEqual({
      passes: true,
      headline: "Would pass: majority in support",
      reasons: ["Quorum met: 5 positions (5 needed)", "2 of 2 support — majority", "3 abstentions not counted"],
    });
  });

  it("fails on quorum even when the rule itself also fails, and keeps the rule's reasons", () => {
    const t = tallyFrom([...camp("internet_freedom", 1, 1)]);
    expect(evaluateDecision(rule("simple_majority", { quorum: 3 }), t, 0)).toEqual({
      passes: false,
      headline: "Would not pass: quorum not met",
      reasons: ["Quorum not met: 2 of 3 positions needed", "1 of 2 support — tied"],
    });
  });

  it("is not applied when null or 0", () => {
    const t = tallyFrom([...camp("internet_freedom", 1)]);
    const expected = { passes: true, headline: "Would pass: majority in support", reasons: ["1 of 1 support — majority"] };
    expect(evaluateDecision(rule("simple_majority", { quorum: null }), t, 0)).toEqual(expected);
    expect(evaluateDecision(rule("simple_majority", { quorum: 0 }), t, 0)).toEqual(expected);
  });
});

describe("rule labels and explanations", () => {
  it("labels every rule for people", () => {
    expect(ruleLabels).toEqual({
      simple_majority: "Simple majority",
      two_thirds: "Two-thirds majority",
      consensus: "Consensus (no objection)",
      cross_camp: "Cross-camp majority",
      silence: "Silence procedure",
    });
  });

  it("explains every rule in one sentence", () => {
    for (const r of decisionRules) {
      expect(ruleExplanations[r]).toMatch(/^[A-Z][^.]*\.$/);
    }
  });
});
