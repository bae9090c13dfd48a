// The outcome report as a Markdown document, for the chair to circulate or paste into minutes.
// Pure: it writes what lib/report.ts read, and nothing else.
import { safeMarkdown } from "@/lib/core/markdown-export";
import { describeConsensusMap, mapRegionLabels, percent } from "@/lib/core/consensus-map";
import { utcMinute } from "@/lib/core/dates";
import { ruleLabels } from "@/lib/core/decision-rules";
import { namesNotice } from "@/lib/core/name-disclosure";
import { groupsWithPositions } from "@/lib/core/participation";
import type { DecidedMeasure, OutcomeReport } from "./report";
import { countOf, type Counts } from "@/lib/core/tallies";
import {
  campLabels,
  camps,
  measureCategoryLabels,
  measureKindLabels,
  measureStatusLabels,
  roleLabels,
  roles,
  stakeholderGroupLabels,
} from "@/lib/core/vocabulary";

/** Escapes what Markdown would read as markup in text that delegations typed. */
export function inline(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/([\\`*_[\]|<>#~])/g, "\\$1");
}

/** A Markdown table; columns holding only numbers are right-aligned. */
function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"));
  return [line(head), line(numeric.map((n) => (n ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

const countsRow = (label: string, c: Counts) => [label, c.support, c.oppose, c.abstain, countOf(c)];
const countsHead = (first: string) => [first, "Support", "Oppose", "Abstain", "Total"];

/**
 * Quotes the measure's own Markdown, so its headings and lists stay inside the measure; made safe
 * first, since whoever renders the report next may not sanitise (lib/core/markdown-export.ts).
 */
const quote = (text: string) =>
  safeMarkdown(text)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => (l.trim() === "" ? ">" : `> ${l}`))
    .join("\n");

function decidedSection(m: DecidedMeasure, n: number): string {
  const rule = ruleLabels[m.rule] + (m.quorum ? `, quorum ${m.quorum}` : "") + (m.rule === "cross_camp" ? `, a camp counts from ${m.crossCampMin}` : "");
  const parts = [
    `### ${n}. ${inline(m.title)}`,
    `*${measureKindLabels[m.kind]} · ${measureCategoryLabels[m.category]} · ${measureStatusLabels[m.outcome]} on ${utcMinute(m.closedAt)} under ${rule}*`,
    quote(m.text),
    `**Final tally:** ${countOf(m.tally.total)} positions — ${m.tally.total.support} support, ${m.tally.total.oppose} oppose, ${m.tally.total.abstain} abstain.`,
    table(countsHead("Camp"), camps.map((c) => countsRow(campLabels[c], m.tally.byCamp[c]))),
  ];
  const groups = groupsWithPositions(m.tally);
  if (groups.length > 0) {
    parts.push(table(countsHead("Stakeholder group"), groups.map((g) => countsRow(stakeholderGroupLabels[g], m.tally.byGroup[g]))));
  }
  parts.push(`**Why:**\n\n${m.reasons.map((r) => `- ${inline(r)}`).join("\n")}`);
  if (m.objections.length > 0) {
    parts.push(
      `**${m.objectionsHeading}:**\n\n${m.objections
        .map((o) => `- ${inline(o.delegation)} (${campLabels[o.camp]})${o.reason ? `: “${inline(o.reason)}”` : " — no rationale given"}`)
        .join("\n")}`,
    );
  } else if (m.outcome === "not_adopted") {
    parts.push(`**${m.objectionsHeading}:** nobody.`);
  }
  return parts.join("\n\n");
}

export function reportMarkdown(report: OutcomeReport): string {
  const { forum, participation: p } = report;
  const out: string[] = [
    `# Outcome report — ${inline(forum.title)}`,
    `Generated ${utcMinute(report.generatedAt)}${report.chairs.length ? ` · Chair: ${report.chairs.map(inline).join(", ")}` : ""} · The forum is ${forum.status}.`,
  ];
  if (forum.description) out.push(inline(forum.description));

  out.push(
    "## Summary",
    `${report.adopted.length} adopted · ${report.notAdopted.length} not adopted · ${report.open.length} still under deliberation.`,
    "## Participation",
    table(
      ["Figure", "Count"],
      [
        ["Members", p.members],
        ...roles.map((r) => [`— ${roleLabels[r]}s`, p.byRole[r]]),
        ["Members who can take positions (chairs and delegates)", p.canTakePositions],
        ["Delegations that took at least one position", p.delegationsWithPositions],
        ["Positions taken", p.positions.total],
        ["Comments", p.comments],
        ["Delegations that commented", p.delegationsWithComments],
      ],
    ),
    table(countsHead("Positions by camp"), camps.map((c) => countsRow(campLabels[c], p.positionsByCamp[c]))),
  );

  out.push(`## Adopted measures (${report.adopted.length})`);
  out.push(report.adopted.length ? report.adopted.map((m, i) => decidedSection(m, i + 1)).join("\n\n") : "No measure has been adopted yet.");
  out.push(`## Measures not adopted (${report.notAdopted.length})`);
  out.push(report.notAdopted.length ? report.notAdopted.map((m, i) => decidedSection(m, i + 1)).join("\n\n") : "No measure has failed to be adopted.");

  out.push(`## Still under deliberation (${report.open.length})`);
  out.push(
    report.open.length
      ? table(
          ["Measure", "Status", "Positions", "Support", "Oppose", "Abstain", "Bridging score"],
          report.open.map((m) => [
            inline(m.title),
            measureStatusLabels[m.status],
            countOf(m.tally.total),
            m.tally.total.support,
            m.tally.total.oppose,
            m.tally.total.abstain,
            m.bridging.toFixed(2),
          ]),
        )
      : "Nothing is still under deliberation.",
  );

  out.push("## Consensus map", describeConsensusMap(report.map));
  if (report.map.points.length > 0) {
    out.push(
      table(
        ["Measure", "Region", `${campLabels.internet_freedom} support`, `${campLabels.cyber_sovereignty} support`, `${campLabels.non_aligned} support`, "Positions"],
        report.map.points.map((pt) => [
          inline(pt.title),
          mapRegionLabels[pt.region],
          percent(pt.internetFreedom),
          percent(pt.cyberSovereignty),
          percent(pt.nonAligned),
          pt.positions,
        ]),
      ),
    );
  }
  if (report.map.unplaced.length > 0) {
    out.push(`Not yet placed: ${report.map.unplaced.map((u) => inline(u.title)).join("; ")}.`);
  }
  out.push("---", `*Support share: support ÷ (support + oppose) within a camp; abstentions count for neither side. ${namesNotice(forum)}*`);
  return out.join("\n\n") + "\n";
}

export const reportFilename = (forumId: string) => `concord-outcome-report-${forumId}.md`;
