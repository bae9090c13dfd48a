// The aggregations behind the consensus map, the per-measure charts, the dashboard and the
// outcome report, on small fixtures with numbers worked out by hand.
import { describe, expect, it } from "vitest";
import { consensusMap, describeConsensusMap, percent, regionCounts, regionOf, type MapMeasure } from "@/lib/core/consensus-map";
import { toCsv } from "@/lib/core/csv";
import { awaitingPositions, measuresByStatus, membersByCampAndGroup, participation, type RoomMember } from "@/lib/core/participation";
import type { OutcomeReport } from "@/lib/insight/report";
import { inline, reportMarkdown } from "@/lib/insight/report-markdown";
import { supportShare, supportTimeline, type PositionChange } from "@/lib/core/support-timeline";
import { tallyFrom, type TallyRow } from "@/lib/core/tallies";
import type { Camp, MeasureStatus, StakeholderGroup } from "@/lib/core/vocabulary";

/** Tally rows for one camp: support / oppose / abstain, all in one stakeholder group. */
function camp(name: Camp, support: number, oppose = 0, abstain = 0, group: StakeholderGroup = "state"): TallyRow[] {
  return [
    { camp: name, stakeholderGroup: group, stance: "support", count: support },
    { camp: name, stakeholderGroup: group, stance: "oppose", count: oppose },
    { camp: name, stakeholderGroup: group, stance: "abstain", count: abstain },
  ];
}

const measure = (id: string, status: MeasureStatus, ...rows: TallyRow[][]): MapMeasure => ({ id, title: `Measure ${id}`, status, tally: tallyFrom(rows.flat()) });

describe("consensus map", () => {
  const fixture = [
    measure("A", "adopted", camp("internet_freedom", 3), camp("cyber_sovereignty", 2, 1), camp("non_aligned", 1, 0, 1)),
    measure("B", "under_discussion", camp("internet_freedom", 3), camp("cyber_sovereignty", 0, 2, 1)),
    measure("C", "in_decision", camp("internet_freedom", 1, 1), camp("cyber_sovereignty", 1, 1)),
    measure("D", "not_adopted", camp("internet_freedom", 0, 2), camp("cyber_sovereignty", 3)),
    measure("E", "under_discussion", camp("internet_freedom", 2), camp("cyber_sovereignty", 0, 0, 2)),
    measure("F", "draft", camp("internet_freedom", 1), camp("cyber_sovereignty", 1)),
    measure("G", "withdrawn", camp("internet_freedom", 1), camp("cyber_sovereignty", 1)),
  ];
  const map = consensusMap(fixture);

  it("places each measure at (Internet Freedom share, Cyber Sovereignty share), abstentions aside", () => {
    expect(map.points.map((p) => [p.id, p.internetFreedom, p.cyberSovereignty, p.nonAligned, p.positions])).toEqual([
      ["A", 1, 2 / 3, 1, 8],
      ["B", 1, 0, null, 6],
      ["C", 0.5, 0.5, null, 4],
      ["D", 0, 1, null, 5],
    ]);
  });

  it("names the region: both majorities common ground, one contested, none little support; a tie is no majority", () => {
    expect(map.points.map((p) => [p.id, p.region])).toEqual([
      ["A", "common_ground"],
      ["B", "contested"],
      ["C", "little_support"],
      ["D", "contested"],
    ]);
    expect(regionOf(0.51, 0.51)).toBe("common_ground");
    expect(regionOf(0.5, 1)).toBe("contested");
    expect(regionCounts(map)).toEqual({ common_ground: 1, contested: 2, little_support: 1 });
  });

  it("carries the bridging score: A is 4/5 · 3/5 · 2/3", () => {
    expect(map.points[0]!.bridging).toBeCloseTo(0.32, 10);
  });

  it("leaves out drafts and withdrawn measures, and lists a measure a camp has not spoken on as unplaced", () => {
    expect(map.unplaced).toEqual([
      { id: "E", title: "Measure E", status: "under_discussion", tally: fixture[4]!.tally, positions: 4, missing: ["cyber_sovereignty"] },
    ]);
    expect([...map.points, ...map.unplaced].map((m) => m.id)).not.toContain("F");
    expect([...map.points, ...map.unplaced].map((m) => m.id)).not.toContain("G");
  });

  it("describes itself in one paragraph", () => {
    expect(describeConsensusMap(map)).toBe(
      "Of 5 measures on the agenda, 1 is on common ground (a majority of both camps supports it), 2 are contested (one camp's majority supports it and the other's does not) and 1 has little support (neither camp's majority supports it). 1 measure cannot be placed yet: Internet Freedom or Cyber Sovereignty has not supported or opposed it.",
    );
    expect(describeConsensusMap(consensusMap([]))).toBe("No measure is on the agenda yet.");
  });

  it("writes shares as whole percentages", () => {
    expect([percent(2 / 3), percent(0), percent(1), percent(null)]).toEqual(["67%", "0%", "100%", "—"]);
  });
});

describe("support over time", () => {
  const at = (n: number) => `2026-03-02T10:00:0${n}.000Z`;
  const changes: PositionChange[] = [
    { at: at(1), memberId: "n", delegation: "Northland", stance: "support", camp: "internet_freedom" },
    { at: at(2), memberId: "m", delegation: "Meridia", stance: "oppose", camp: "cyber_sovereignty" },
    { at: at(3), memberId: "v", delegation: "Varos", stance: "abstain", camp: "cyber_sovereignty" },
    // A rationale edited: same stance, same camp — no step.
    { at: at(4), memberId: "m", delegation: "Meridia", stance: "oppose", camp: "cyber_sovereignty" },
    { at: at(5), memberId: "m", delegation: "Meridia", stance: "support", camp: "cyber_sovereignty" },
    // Varos changed camp before changing position: the abstention moves camp with it.
    { at: at(6), memberId: "v", delegation: "Varos", stance: "support", camp: "non_aligned" },
    { at: at(7), memberId: "n", delegation: "Northland", stance: null },
    // Withdrawing a position nobody holds changes nothing.
    { at: at(8), memberId: "x", delegation: "Nobody", stance: null },
  ];
  const steps = supportTimeline(changes);

  it("makes one step per change that moves a count, with every camp's counts after it", () => {
    expect(steps.map((s) => [s.delegation, s.camp, s.previous, s.stance])).toEqual([
      ["Northland", "internet_freedom", null, "support"],
      ["Meridia", "cyber_sovereignty", null, "oppose"],
      ["Varos", "cyber_sovereignty", null, "abstain"],
      ["Meridia", "cyber_sovereignty", "oppose", "support"],
      ["Varos", "non_aligned", "abstain", "support"],
      ["Northland", "internet_freedom", "support", null],
    ]);
    expect(steps.map((s) => [s.byCamp.internet_freedom, s.byCamp.cyber_sovereignty, s.byCamp.non_aligned])).toEqual([
      [{ support: 1, oppose: 0, abstain: 0 }, { support: 0, oppose: 0, abstain: 0 }, { support: 0, oppose: 0, abstain: 0 }],
      [{ support: 1, oppose: 0, abstain: 0 }, { support: 0, oppose: 1, abstain: 0 }, { support: 0, oppose: 0, abstain: 0 }],
      [{ support: 1, oppose: 0, abstain: 0 }, { support: 0, oppose: 1, abstain: 1 }, { support: 0, oppose: 0, abstain: 0 }],
      [{ support: 1, oppose: 0, abstain: 0 }, { support: 1, oppose: 0, abstain: 1 }, { support: 0, oppose: 0, abstain: 0 }],
      [{ support: 1, oppose: 0, abstain: 0 }, { support: 1, oppose: 0, abstain: 0 }, { support: 1, oppose: 0, abstain: 0 }],
      [{ support: 0, oppose: 0, abstain: 0 }, { support: 1, oppose: 0, abstain: 0 }, { support: 1, oppose: 0, abstain: 0 }],
    ]);
  });

  it("keeps each step's counts of its own, so later steps do not rewrite earlier ones", () => {
    expect(steps[0]!.byCamp.internet_freedom.support).toBe(1);
    expect(steps[0]!.at).toBe(at(1));
  });

  it("gives the support share the map uses, or null when a camp has only abstained", () => {
    expect(supportShare({ support: 2, oppose: 1 })).toBeCloseTo(2 / 3, 10);
    expect(supportShare({ support: 0, oppose: 0 })).toBeNull();
  });
});

describe("dashboard figures", () => {
  const people: RoomMember[] = [
    { id: "c", role: "chair", camp: "non_aligned", stakeholderGroup: "intergovernmental", delegation: "Chair" },
    { id: "n", role: "delegate", camp: "internet_freedom", stakeholderGroup: "state", delegation: "Northland" },
    { id: "o", role: "delegate", camp: "internet_freedom", stakeholderGroup: "civil_society", delegation: "Open Net" },
    { id: "m", role: "delegate", camp: "cyber_sovereignty", stakeholderGroup: "state", delegation: "Meridia" },
    { id: "w", role: "observer", camp: "non_aligned", stakeholderGroup: "academia", delegation: "Watchers" },
  ];

  it("counts members by camp and stakeholder group, with the totals of each", () => {
    const matrix = membersByCampAndGroup(people);
    expect(matrix.cells.internet_freedom).toEqual({ state: 1, intergovernmental: 0, civil_society: 1, private_sector: 0, academia: 0, technical_community: 0 });
    expect(matrix.cells.non_aligned).toEqual({ state: 0, intergovernmental: 1, civil_society: 0, private_sector: 0, academia: 1, technical_community: 0 });
    expect(matrix.byCamp).toEqual({ internet_freedom: 2, cyber_sovereignty: 1, non_aligned: 2 });
    expect(matrix.byGroup).toEqual({ state: 2, intergovernmental: 1, civil_society: 1, private_sector: 0, academia: 1, technical_community: 0 });
    expect(matrix.total).toBe(5);
  });

  it("counts measures by status, every status present", () => {
    const statuses: MeasureStatus[] = ["adopted", "under_discussion", "under_discussion", "in_decision"];
    expect(measuresByStatus(statuses.map((status) => ({ status })))).toEqual({
      draft: 0,
      under_discussion: 2,
      in_decision: 1,
      adopted: 1,
      not_adopted: 0,
      withdrawn: 0,
    });
  });

  it("lists who a decision waits for: chairs and delegates without a position, never observers, never under silence", () => {
    const inDecision = [
      { id: "x", title: "X", status: "in_decision" as const, decision: { rule: "consensus" as const, deadline: null } },
      { id: "s", title: "S", status: "in_decision" as const, decision: { rule: "silence" as const, deadline: "2026-03-02T12:00:00.000Z" } },
      { id: "u", title: "U", status: "under_discussion" as const, decision: null },
    ];
    const awaited = awaitingPositions(inDecision, people, new Map([["x", new Set(["n", "w"])]]));
    expect(awaited.map((a) => ({ id: a.id, taken: a.taken, awaiting: a.awaiting.map((m) => m.delegation) }))).toEqual([
      { id: "x", taken: 1, awaiting: ["Chair", "Meridia", "Open Net"] },
    ]);
  });

  it("sums up participation: distinct delegations with positions and comments, positions by camp", () => {
    const p = participation(
      people,
      [
        { memberId: "n", camp: "internet_freedom", stance: "support" },
        { memberId: "n", camp: "internet_freedom", stance: "oppose" },
        { memberId: "m", camp: "cyber_sovereignty", stance: "abstain" },
        // A removed member's position on a decided measure still counts.
        { memberId: "gone", camp: "cyber_sovereignty", stance: "support" },
      ],
      [{ memberId: "w" }, { memberId: "w" }, { memberId: "o" }],
    );
    expect(p).toEqual({
      members: 5,
      byRole: { chair: 1, delegate: 3, observer: 1 },
      canTakePositions: 4,
      delegationsWithPositions: 3,
      positions: { support: 2, oppose: 1, abstain: 1, total: 4 },
      positionsByCamp: {
        internet_freedom: { support: 1, oppose: 1, abstain: 0 },
        cyber_sovereignty: { support: 1, oppose: 0, abstain: 1 },
        non_aligned: { support: 0, oppose: 0, abstain: 0 },
      },
      comments: 3,
      delegationsWithComments: 2,
    });
  });
});

describe("CSV", () => {
  it("quotes every cell, doubles quotes, ends lines with CRLF and leaves numbers and nulls plain", () => {
    expect(toCsv(["a", "b", "c"], [{ a: 'He said "no", twice', b: 3, c: null }])).toBe('"a","b","c"\r\n"He said ""no"", twice","3",""\r\n');
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(toCsv(["a", "b"], [{ a: "=HYPERLINK(\"x\")", b: -1 }])).toBe('"a","b"\r\n"\'=HYPERLINK(""x"")","-1"\r\n');
    expect(toCsv(["a"], [{ a: "@here" }, { a: "+1" }])).toBe('"a"\r\n"\'@here"\r\n"\'+1"\r\n');
  });
});

describe("the report as Markdown", () => {
  const adoptedTally = tallyFrom([...camp("internet_freedom", 2, 0, 0, "civil_society"), ...camp("cyber_sovereignty", 1, 1)]);
  const report: OutcomeReport = {
    forum: { id: "f", title: "OEWG | test", description: "", status: "open", discloseMemberNames: false },
    generatedAt: "2026-03-02T17:45:12.000Z",
    chairs: ["Chair"],
    participation: participation(
      [{ id: "c", role: "chair", camp: "non_aligned", stakeholderGroup: "intergovernmental", delegation: "Chair" }],
      [{ memberId: "c", camp: "non_aligned", stance: "support" }],
      [],
    ),
    adopted: [
      {
        id: "a",
        title: "Points of *contact*",
        kind: "cbm",
        category: "transparency",
        outcome: "adopted",
        text: "# Purpose\n\nEach state names one.",
        html: "",
        rule: "simple_majority",
        quorum: 3,
        crossCampMin: 1,
        closedAt: "2026-03-02T16:00:00.000Z",
        tally: adoptedTally,
        reasons: ["Quorum met: 4 positions (3 needed)", "3 of 4 support — majority"],
        objectionsHeading: "Opposed by",
        objections: [{ delegation: "Meridia", camp: "cyber_sovereignty", reason: "Too wide" }],
      },
    ],
    notAdopted: [],
    open: [],
    map: consensusMap([{ id: "a", title: "Points of *contact*", status: "adopted", tally: adoptedTally }]),
  };
  const md = reportMarkdown(report);

  it("opens with the forum and when it was generated", () => {
    expect(md.startsWith("# Outcome report — OEWG \\| test\n\nGenerated 2026-03-02 17:45 UTC · Chair: Chair · The forum is open.\n\n## Summary\n\n1 adopted · 0 not adopted · 0 still under deliberation.")).toBe(true);
  });

  it("gives an adopted measure its text as a quotation, its rule, and its final tally by camp and by group", () => {
    expect(md).toContain("### 1. Points of \\*contact\\*");
    expect(md).toContain("*Confidence-building measure · Transparency · Adopted on 2026-03-02 16:00 UTC under Simple majority, quorum 3*");
    expect(md).toContain("> # Purpose\n>\n> Each state names one.");
    expect(md).toContain("**Final tally:** 4 positions — 3 support, 1 oppose, 0 abstain.");
    expect(md).toContain(
      "| Camp | Support | Oppose | Abstain | Total |\n| --- | ---: | ---: | ---: | ---: |\n| Internet Freedom | 2 | 0 | 0 | 2 |\n| Cyber Sovereignty | 1 | 1 | 0 | 2 |\n| Non-aligned | 0 | 0 | 0 | 0 |",
    );
    expect(md).toContain("| Stakeholder group | Support | Oppose | Abstain | Total |\n| --- | ---: | ---: | ---: | ---: |\n| State | 1 | 1 | 0 | 2 |\n| Civil society | 2 | 0 | 0 | 2 |");
    expect(md).toContain("**Opposed by:**\n\n- Meridia (Cyber Sovereignty): “Too wide”");
  });

  it("writes the participation figures and the consensus map as tables", () => {
    expect(md).toContain("| Positions taken | 1 |");
    expect(md).toContain("| Points of \\*contact\\* | Contested | 100% | 50% | — | 4 |");
  });

  it("says which names it leaves out", () => {
    expect(md.trimEnd().endsWith("Personal names of members are not included; delegation names, camps and stakeholder groups are.*")).toBe(true);
  });

  it("escapes markup in typed text and folds it onto one line", () => {
    expect(inline("a|b *c*\n[d](e) <f>")).toBe("a\\|b \\*c\\* \\[d\\](e) \\<f\\>");
  });

  it("quotes a measure's text with its raw HTML and javascript: links made harmless", () => {
    const hostile = reportMarkdown({
      ...report,
      adopted: [{ ...report.adopted[0]!, text: 'See [the annex](javascript:alert(1)).\n\n<script>steal()</script>' }],
    });
    expect(hostile).toContain("> See the annex.");
    expect(hostile).toContain("> \\<script>steal()\\</script>");
    expect(hostile).not.toMatch(/javascript:|(^|[^\\])<script>/);
  });

  it("treats an empty forum plainly", () => {
    const empty = reportMarkdown({ ...report, adopted: [], map: consensusMap([]), participation: participation([], [], []) });
    expect(empty).toContain("No measure has been adopted yet.");
    expect(empty).toContain("No measure is on the agenda yet.");
  });
});
