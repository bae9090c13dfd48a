// What each decision rule says about a tally: whether a measure would pass and, in words a chair
// can read out, why. Pure so the same verdict shows in the browser while a decision is open and
// is applied on the server when it closes.
import type { Counts, Tally } from "./tallies";
import { countOf } from "./tallies";
import type { Camp, DecisionRule } from "./vocabulary";
import { campLabels, camps } from "./vocabulary";

export interface RuleConfig {
  rule: DecisionRule;
  /** Minimum number of positions (abstentions included); null or 0 means no quorum. */
  quorum: number | null;
  /** Cross-camp only: a camp counts once it has this many support or oppose positions (N >= 1). */
  crossCampMin: number;
}

export interface Verdict {
  passes: boolean;
  headline: string;
  reasons: string[];
}

export const ruleLabels: Record<DecisionRule, string> = {
  simple_majority: "Simple majority",
  two_thirds: "Two-thirds majority",
  consensus: "Consensus (no objection)",
  cross_camp: "Cross-camp majority",
  silence: "Silence procedure",
};

export const ruleExplanations: Record<DecisionRule, string> = {
  simple_majority: "Adopted when more delegations support than oppose; abstentions count for neither side.",
  two_thirds:
    "Adopted when at least two-thirds of the delegations that support or oppose are in support; abstentions count for neither side.",
  consensus: "Adopted when no delegation opposes; support and abstention both let it through.",
  cross_camp:
    "Adopted when support outnumbers opposition inside every camp with enough positions to count, so no camp can be outvoted by the others.",
  silence:
    "The chair circulates the text with a deadline; it is adopted unless a delegation breaks silence with a stated objection before then.",
};

interface RuleOutcome {
  passes: boolean;
  headline: string;
  reasons: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const decided = (c: Counts) => c.support + c.oppose;

function abstentionNote(tally: Tally): string[] {
  const abstain = tally.total.abstain;
  return abstain > 0 ? [`${plural(abstain, "abstention", "abstentions")} not counted`] : [];
}

function simpleMajority(tally: Tally): RuleOutcome {
  const { support, oppose } = tally.total;
  const n = support + oppose;
  if (n === 0) {
    return {
      passes: false,
      headline: "Would not pass: no support or oppose positions yet",
      reasons: ["No support or oppose positions yet", ...abstentionNote(tally)],
    };
  }
  if (support === oppose) {
    return {
      passes: false,
      headline: `Would not pass: tied ${support}–${oppose}`,
      reasons: [`${support} of ${n} support — tied`, ...abstentionNote(tally)],
    };
  }
  const passes = support > oppose;
  return {
    passes,
    headline: passes ? "Would pass: majority in support" : "Would not pass: support below majority",
    reasons: [`${support} of ${n} support — ${passes ? "majority" : "below majority"}`, ...abstentionNote(tally)],
  };
}

function twoThirds(tally: Tally): RuleOutcome {
  const { support, oppose } = tally.total;
  const n = support + oppose;
  if (n === 0) {
    return {
      passes: false,
      headline: "Would not pass: no support or oppose positions yet",
      reasons: ["No support or oppose positions yet", ...abstentionNote(tally)],
    };
  }
  // Integer arithmetic so exactly two-thirds (e.g. 4 of 6) is never lost to float rounding.
  const passes = 3 * support >= 2 * n;
  const needed = Math.ceil((2 * n) / 3);
  return {
    passes,
    headline: passes ? "Would pass: two-thirds in support" : "Would not pass: support below two-thirds",
    reasons: [
      `${support} of ${n} support — ${passes ? "two-thirds reached" : "below two-thirds"} (${needed} needed)`,
      ...abstentionNote(tally),
    ],
  };
}

function consensus(tally: Tally): RuleOutcome {
  const objecting = tally.total.oppose;
  if (objecting === 0) {
    return { passes: true, headline: "Would pass: no delegation objects", reasons: ["No delegation objects"] };
  }
  const line = objecting === 1 ? "1 delegation objects" : `${objecting} delegations object`;
  return { passes: false, headline: `Would not pass: ${line}`, reasons: [line] };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function crossCamp(tally: Tally, crossCampMin: number): RuleOutcome {
  // A minimum below 1 would make an empty camp "count" and block every measure.
  const min = Math.max(1, crossCampMin);
  const reasons: string[] = [];
  const blocking: Camp[] = [];
  let counted = 0;
  for (const camp of camps) {
    const c = tally.byCamp[camp];
    const n = decided(c);
    const head = `${campLabels[camp]}: ${c.support} of ${n} support`;
    if (n < min) {
      reasons.push(`${head} — not counted (fewer than ${plural(min, "position", "positions")})`);
      continue;
    }
    counted += 1;
    if (c.support > c.oppose) {
      reasons.push(`${head} — majority`);
    } else {
      reasons.push(`${head} — below majority`);
      blocking.push(camp);
    }
  }
  if (counted === 0) {
    return {
      passes: false,
      headline: "Would not pass: no camp has enough positions to count",
      reasons: [`No camp has ${plural(min, "support or oppose position", "support or oppose positions")} yet`, ...reasons],
    };
  }
  if (blocking.length > 0) {
    return {
      passes: false,
      headline: `Would not pass: ${joinNames(blocking.map((c) => campLabels[c]))} below majority`,
      reasons,
    };
  }
  return { passes: true, headline: "Would pass: majority in every counted camp", reasons };
}

function silence(objections: number): RuleOutcome {
  if (objections <= 0) {
    return { passes: true, headline: "Would pass: silence unbroken", reasons: ["Silence unbroken"] };
  }
  const line = `Silence broken by ${plural(objections, "objection", "objections")}`;
  return { passes: false, headline: `Would not pass: ${line.toLowerCase()}`, reasons: [line] };
}

function ruleOutcome(config: RuleConfig, tally: Tally, objections: number): RuleOutcome {
  switch (config.rule) {
    case "simple_majority":
      return simpleMajority(tally);
    case "two_thirds":
      return twoThirds(tally);
    case "consensus":
      return consensus(tally);
    case "cross_camp":
      return crossCamp(tally, config.crossCampMin);
    case "silence":
      return silence(objections);
  }
}

/**
 * The verdict a rule gives on a tally. `objections` are silence-breaking objections and only
 * matter to the silence procedure; the other rules read positions.
 */
export function evaluateDecision(config: RuleConfig, tally: Tally, objections: number): Verdict {
  const outcome = ruleOutcome(config, tally, objections);

  // Silence adopts by the absence of objection, so nobody is expected to take a position: a
  // quorum of positions would turn a room that agrees by staying silent into a failed text.
  const quorum = config.rule === "silence" ? null : config.quorum;
  if (quorum === null || !(quorum > 0)) return outcome;

  const present = countOf(tally.total);
  if (present < quorum) {
    return {
      passes: false,
      headline: "Would not pass: quorum not met",
      reasons: [`Quorum not met: ${present} of ${plural(quorum, "position", "positions")} needed`, ...outcome.reasons],
    };
  }
  return {
    ...outcome,
    reasons: [`Quorum met: ${plural(present, "position", "positions")} (${quorum} needed)`, ...outcome.reasons],
  };
}
