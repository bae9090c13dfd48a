// Support for one measure over time: a stepped line per camp of its support share after each
// change of position, in the order the changes came. Order rather than clock time on the x axis:
// positions arrive in bursts during a meeting, and a clock would squeeze each burst into a line.
import type { SupportHistoryRow } from "@/lib/insight/exports";
import { shortMinute } from "@/lib/core/dates";
import { supportShare } from "@/lib/core/support-timeline";
import { campLabels, campMarks, camps, stanceLabels, type Camp, type Stance } from "@/lib/core/vocabulary";
import { percent } from "@/lib/core/consensus-map";
import { ChartFigure, DataTable } from "./chart-figure";
import { campDash, campFill, campStroke } from "./palette";

const TIMELINE_WIDTH = 320;
const TIMELINE_HEIGHT = 190;
const M = { left: 34, right: 66, top: 10, bottom: 34 };
// Widest underneath, narrowest on top: where camps' lines coincide, each still shows.
const campWidth: Record<Camp, number> = { internet_freedom: 5, cyber_sovereignty: 3, non_aligned: 1.75 };
const plotW = TIMELINE_WIDTH - M.left - M.right;
const plotH = TIMELINE_HEIGHT - M.top - M.bottom;

type Step = Pick<SupportHistoryRow, "step" | "at" | "delegation" | "camp" | "stance" | "previous_stance"> & {
  counts: Record<Camp, { support: number; oppose: number; abstain: number }>;
};

function stepsOf(rows: readonly SupportHistoryRow[]): Step[] {
  return rows.map((r) => ({
    step: r.step,
    at: r.at,
    delegation: r.delegation,
    camp: r.camp,
    stance: r.stance,
    previous_stance: r.previous_stance,
    counts: {
      internet_freedom: { support: Number(r.if_support), oppose: Number(r.if_oppose), abstain: Number(r.if_abstain) },
      cyber_sovereignty: { support: Number(r.cs_support), oppose: Number(r.cs_oppose), abstain: Number(r.cs_abstain) },
      non_aligned: { support: Number(r.na_support), oppose: Number(r.na_oppose), abstain: Number(r.na_abstain) },
    },
  }));
}

const stanceWord = (s: Stance | "withdrawn") => (s === "withdrawn" ? "withdrawn" : stanceLabels[s].toLowerCase());

function changeText(s: Step) {
  const now = stanceWord(s.stance);
  return s.previous_stance ? `${s.delegation}: ${stanceWord(s.previous_stance)} → ${now}` : `${s.delegation}: ${now}`;
}

/** Each camp's path: horizontal while its share holds, vertical where it changes, broken while undefined. */
function pathOf(steps: Step[], camp: Camp, x: (i: number) => number, y: (v: number) => number) {
  let d = "";
  let drawing = false;
  steps.forEach((s, i) => {
    const v = supportShare(s.counts[camp]);
    if (v === null) {
      drawing = false;
      return;
    }
    d += drawing ? `V${y(v)}H${x(i + 1)}` : `M${x(i)} ${y(v)}H${x(i + 1)}`;
    drawing = true;
  });
  return d;
}

/** Keeps the end labels of lines that finish together from printing over each other. */
function spread(ys: { camp: Camp; y: number }[], gap = 12) {
  const sorted = [...ys].sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) sorted[i]!.y = Math.max(sorted[i]!.y, sorted[i - 1]!.y + gap);
  return sorted;
}

/** `rows` null: the history is still loading, or failed with `message`; the frame keeps its size. */
export function SupportTimelineChart({ rows, message }: { rows: readonly SupportHistoryRow[] | null; message?: string }) {
  const steps = stepsOf(rows ?? []);
  const n = steps.length;
  const x = (i: number) => M.left + (i / Math.max(1, n)) * plotW;
  const y = (v: number) => M.top + (1 - v) * plotH;
  const last = steps.at(-1);
  const ends = last
    ? spread(
        camps
          .map((c) => ({ camp: c, share: supportShare(last.counts[c]) }))
          .filter((e): e is { camp: Camp; share: number } => e.share !== null)
          .map((e) => ({ camp: e.camp, y: y(e.share) + 4 })),
      )
    : [];
  const empty = rows === null ? (message ?? "Loading the history of support…") : "No positions yet";
  const spoken =
    n === 0
      ? `${empty}.`
      : `${n} ${n === 1 ? "change" : "changes"} of position from ${shortMinute(steps[0]!.at)} to ${shortMinute(last!.at)} UTC. ` +
        camps
          .map((c) => {
            const first = steps.map((s) => supportShare(s.counts[c])).find((v) => v !== null);
            const end = supportShare(last!.counts[c]);
            return first === undefined ? `${campLabels[c]}: no support or oppose positions` : `${campLabels[c]}: ${percent(first)} at first, ${percent(end)} now`;
          })
          .join("; ") +
        ".";

  return (
    <ChartFigure
      title="Support over time"
      description="Each camp’s support share, support ÷ (support + oppose), after each change of position, oldest first. The table gives each camp’s support / oppose / abstain."
      table={
        <DataTable
          caption="Support over time, change by change: each camp's support / oppose / abstain after it"
          textColumns={2}
          head={["#", "Change", ...camps.map((c) => <abbr key={c} title={`${campLabels[c]}: support / oppose / abstain`} className="no-underline">{campMarks[c]}</abbr>)]}
          rows={steps.map((s) => ({
            key: String(s.step),
            cells: [
              s.step,
              <span key="c">
                {changeText(s)}
                <span className="block text-xs text-stone-500 tabular-nums">{shortMinute(s.at)} UTC</span>
              </span>,
              ...camps.map((c) => `${s.counts[c].support}/${s.counts[c].oppose}/${s.counts[c].abstain}`),
            ],
          }))}
        />
      }
    >
      <svg
        viewBox={`0 0 ${TIMELINE_WIDTH} ${TIMELINE_HEIGHT}`}
        className="block h-auto w-full"
        role="img"
        aria-label={`Support over time. ${spoken}`}
        data-testid="support-timeline"
      >
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line
              x1={M.left}
              x2={M.left + plotW}
              y1={y(v)}
              y2={y(v)}
              className={v === 0.5 ? "stroke-stone-400" : "stroke-stone-200"}
              strokeDasharray={v === 0.5 ? "3 3" : undefined}
            />
            <text x={M.left - 4} y={y(v) + 4} textAnchor="end" className="fill-stone-500 text-[10px]">
              {percent(v)}
            </text>
          </g>
        ))}
        {n === 0 ? (
          <text x={M.left + plotW / 2} y={M.top + plotH / 2} textAnchor="middle" className="fill-stone-500 text-[11px]">
            {empty}
          </text>
        ) : (
          <>
            {camps.map((c) => (
              <path
                key={c}
                d={pathOf(steps, c, x, y)}
                fill="none"
                strokeWidth={campWidth[c]}
                strokeDasharray={campDash[c]}
                className={campStroke[c]}
                data-camp={c}
              />
            ))}
            {steps.map((s, i) => {
              const v = supportShare(s.counts[s.camp]);
              return v === null ? null : <circle key={s.step} cx={x(i)} cy={y(v)} r={2.5} className={campFill[s.camp]} />;
            })}
            {ends.map((e) => (
              <text key={e.camp} x={M.left + plotW + 4} y={e.y} className="text-[10px] font-semibold" fill="currentColor">
                <tspan className={campFill[e.camp]}>■</tspan> {campMarks[e.camp]} {percent(supportShare(last!.counts[e.camp]))}
              </text>
            ))}
            <text x={M.left} y={TIMELINE_HEIGHT - 18} className="fill-stone-500 text-[10px]">
              {shortMinute(steps[0]!.at)}
            </text>
            <text x={M.left + plotW} y={TIMELINE_HEIGHT - 18} textAnchor="end" className="fill-stone-500 text-[10px]">
              {shortMinute(last!.at)}
            </text>
            <text x={M.left + plotW / 2} y={TIMELINE_HEIGHT - 4} textAnchor="middle" className="fill-stone-500 text-[10px]">
              {n} {n === 1 ? "change" : "changes"} of position, in order (UTC) →
            </text>
          </>
        )}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600" aria-label="Key">
        {camps.map((c) => (
          <li key={c} className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="22" height="8" className="shrink-0">
              <line x1="0" x2="22" y1="4" y2="4" strokeWidth={campWidth[c]} strokeDasharray={campDash[c]} className={campStroke[c]} />
            </svg>
            {campMarks[c]} {campLabels[c]}
          </li>
        ))}
      </ul>
    </ChartFigure>
  );
}
