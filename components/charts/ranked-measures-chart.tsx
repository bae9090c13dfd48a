// A ranked list of measures, each with a strip showing where every camp stands on it: its support
// share on a 0–100% line, one lane per camp, and the spread between the camps shaded. Bridging
// measures have the dots together on the right; divisive ones have them far apart.
import Link from "next/link";
import { campSupportShares } from "@/lib/core/bridging";
import { percent } from "@/lib/core/consensus-map";
import type { Tally } from "@/lib/core/tallies";
import { campLabels, campMarks, camps } from "@/lib/core/vocabulary";
import { ChartFigure, DataTable } from "./chart-figure";
import { campFill, INK } from "./palette";

const WIDTH = 300;
const LANE = 11;
const L = 24;
const R = WIDTH - 44;
const x = (v: number) => L + v * (R - L);

function CampStrip({ tally, title }: { tally: Tally; title: string }) {
  const shares = campSupportShares(tally);
  const present = camps.map((c) => shares[c]).filter((s): s is number => s !== null);
  const lo = present.length ? Math.min(...present) : null;
  const hi = present.length ? Math.max(...present) : null;
  const height = camps.length * LANE + 12;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="block h-auto w-full"
      role="img"
      aria-label={`${title}: ${camps.map((c) => `${campLabels[c]} ${shares[c] === null ? "no support or oppose positions" : `${percent(shares[c])} support`}`).join(", ")}.`}
    >
      {lo !== null && hi !== null && hi > lo && <rect x={x(lo)} y={1} width={x(hi) - x(lo)} height={camps.length * LANE} className="fill-orange-100" />}
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={1} y2={camps.length * LANE + 1} className={t === 0.5 ? "stroke-stone-400" : "stroke-stone-200"} strokeDasharray={t === 0.5 ? "2 2" : undefined} />
          <text x={x(t)} y={height - 1} textAnchor="middle" className="fill-stone-400 text-[8px]">
            {percent(t)}
          </text>
        </g>
      ))}
      {camps.map((c, i) => {
        const y = i * LANE + LANE / 2 + 1;
        const s = shares[c];
        return (
          <g key={c}>
            <text x={0} y={y + 3.5} className="fill-stone-600 text-[9px] font-semibold">
              {campMarks[c]}
            </text>
            <line x1={L} x2={R} y1={y} y2={y} className="stroke-stone-100" />
            {s === null ? (
              <text x={R + 10} y={y + 3.5} className="fill-stone-400 text-[9px]">
                —
              </text>
            ) : (
              <>
                <circle cx={x(s)} cy={y} r={4.5} className={campFill[c]} stroke={INK} strokeWidth={0.75} />
                <text x={R + 10} y={y + 3.5} className="fill-stone-700 text-[9px] tabular-nums">
                  {percent(s)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export type RankedItem = { id: string; title: string; tally: Tally; score: string };

export function RankedMeasuresChart({
  title,
  description,
  items,
  forumId,
  scoreLabel,
  empty,
  testId,
}: {
  title: string;
  description: React.ReactNode;
  items: RankedItem[];
  forumId: string;
  scoreLabel: string;
  empty: string;
  testId: string;
}) {
  if (items.length === 0) {
    return (
      <div>
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="mt-1 text-sm text-stone-500">{empty}</p>
      </div>
    );
  }
  return (
    <ChartFigure
      title={title}
      description={description}
      table={
        <DataTable
          caption={title}
          head={["Measure", ...camps.map((c) => `${campMarks[c]} support`), scoreLabel]}
          rows={items.map((m) => {
            const shares = campSupportShares(m.tally);
            return { key: m.id, cells: [m.title, ...camps.map((c) => percent(shares[c])), m.score] };
          })}
        />
      }
    >
      <ol className="space-y-3" data-testid={testId}>
        {items.map((m, i) => (
          <li key={m.id} data-measure-id={m.id}>
            <p className="flex items-baseline justify-between gap-3 text-sm">
              <span className="min-w-0">
                <span className="tabular-nums text-stone-500">{i + 1}.</span>{" "}
                <Link className="font-medium hover:text-accent hover:underline" href={`/forums/${forumId}/measures/${m.id}`}>
                  {m.title}
                </Link>
              </span>
              <span className="shrink-0 text-xs text-stone-600 tabular-nums" data-testid="score">
                {scoreLabel} {m.score}
              </span>
            </p>
            <CampStrip tally={m.tally} title={m.title} />
          </li>
        ))}
      </ol>
    </ChartFigure>
  );
}
