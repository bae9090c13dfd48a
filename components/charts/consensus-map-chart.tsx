"use client";
// The consensus map as an SVG scatter: x is the Internet Freedom camp's support share, y the
// Cyber Sovereignty camp's; area is the number of positions, colour and shape the status, and the
// ring around each point the non-aligned support. Every point is a link to its measure, reachable
// with Tab, named for screen readers, and shows its numbers on hover or focus.
import { useState } from "react";
import { mapRegionLabels, percent, type ConsensusMap, type MapPoint } from "@/lib/core/consensus-map";
import { countOf, type Counts } from "@/lib/core/tallies";
import { campLabels, campMarks, measureStatusLabels } from "@/lib/core/vocabulary";
import { H, layout, M, RING, sx, sy, W, type Placed } from "./map-geometry";
import { INK, statusLook } from "./palette";
import { ShapeMark } from "./shape";

const share = (c: Counts) => `${c.support} of ${c.support + c.oppose}`;

/** What a point says to a screen reader; the same facts as the tooltip. */
function pointName(p: MapPoint, index: number) {
  const na = p.nonAligned === null ? "no non-aligned support or oppose positions" : `${campLabels.non_aligned} ${percent(p.nonAligned)} (${share(p.tally.byCamp.non_aligned)})`;
  return (
    `${index + 1}. ${p.title}. ${measureStatusLabels[p.status]}, ${mapRegionLabels[p.region].toLowerCase()}. ` +
    `${campLabels.internet_freedom} ${percent(p.internetFreedom)} support (${share(p.tally.byCamp.internet_freedom)}), ` +
    `${campLabels.cyber_sovereignty} ${percent(p.cyberSovereignty)} (${share(p.tally.byCamp.cyber_sovereignty)}), ${na}. ` +
    `${countOf(p.tally.total)} positions.`
  );
}

function Ring({ cx, cy, r, share }: { cx: number; cy: number; r: number; share: number | null }) {
  const c = 2 * Math.PI * r;
  return (
    <g aria-hidden>
      <circle cx={cx} cy={cy} r={r} fill="none" strokeWidth={3} className="stroke-stone-200" strokeDasharray={share === null ? "2 2" : undefined} />
      {share !== null && share > 0 && (
        <circle
          cx={cx}
          cy={cy}
          r={r}
          fill="none"
          strokeWidth={3}
          className="stroke-camp-na"
          strokeDasharray={`${share * c} ${c}`}
          transform={`rotate(-90 ${cx} ${cy})`}
        />
      )}
    </g>
  );
}

/** Above the point, or below it when the point is near the top; kept inside the map sideways. */
function Tooltip({ p }: { p: Placed }) {
  const below = p.y < H * 0.4;
  const left = Math.min(78, Math.max(22, (p.x / W) * 100));
  const top = ((below ? p.y + p.r + RING : p.y - p.r - RING) / H) * 100;
  const t = p.point.tally;
  const row = (label: string, mark: string, c: Counts, s: number | null) => (
    <tr>
      <th scope="row" className="pr-2 text-left font-medium">
        <abbr title={label} className="no-underline">{mark}</abbr>
      </th>
      <td className="pr-2 text-right tabular-nums">{percent(s)}</td>
      <td className="text-stone-600 tabular-nums">
        {c.support}/{c.oppose}/{c.abstain}
      </td>
    </tr>
  );
  return (
    <div
      aria-hidden
      className={`pointer-events-none absolute z-10 w-64 -translate-x-1/2 rounded-md border border-stone-300 bg-white p-3 text-xs shadow-lg print:hidden ${below ? "" : "-translate-y-full"}`}
      style={{ left: `${left}%`, top: `calc(${top}% ${below ? "+" : "-"} 8px)` }}
      data-testid="map-tooltip"
    >
      <p className="font-semibold text-ink">
        {p.index + 1}. {p.point.title}
      </p>
      <p className="mt-0.5 text-stone-600">
        {measureStatusLabels[p.point.status]} · {mapRegionLabels[p.point.region]} · {countOf(t.total)} positions
      </p>
      <table className="mt-1.5">
        <thead className="sr-only">
          <tr>
            <th>Camp</th>
            <th>Support share</th>
            <th>Support / oppose / abstain</th>
          </tr>
        </thead>
        <tbody>
          {row(campLabels.internet_freedom, campMarks.internet_freedom, t.byCamp.internet_freedom, p.point.internetFreedom)}
          {row(campLabels.cyber_sovereignty, campMarks.cyber_sovereignty, t.byCamp.cyber_sovereignty, p.point.cyberSovereignty)}
          {row(campLabels.non_aligned, campMarks.non_aligned, t.byCamp.non_aligned, p.point.nonAligned)}
        </tbody>
      </table>
      <p className="mt-1 text-stone-500">Support share, then support / oppose / abstain</p>
    </div>
  );
}

const ticks = [0, 0.25, 0.5, 0.75, 1];

export function ConsensusMapChart({ map, forumId, summary }: { map: ConsensusMap; forumId: string; summary: string }) {
  const [active, setActive] = useState<string | null>(null);
  const placed = layout(map.points);
  // Large points first, so small ones are drawn on top and stay reachable by the mouse.
  const painted = [...placed].sort((a, b) => b.r - a.r || a.index - b.index);
  const shown = placed.find((p) => p.point.id === active);
  const mid = { x: sx(0.5), y: sy(0.5) };
  const region = (x: number, y: number, w: number, h: number, fill: string) => <rect x={x} y={y} width={w} height={h} fill={fill} />;

  return (
    <div className="relative" onKeyDown={(e) => e.key === "Escape" && setActive(null)}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="block h-auto w-full select-none"
        role="group"
        aria-label={`Consensus map. ${summary}`}
        data-testid="consensus-map"
      >
        <g aria-hidden>
          {/* Regions split at 50%: a majority of the camp in support. */}
          {region(mid.x, M.top, W - M.right - mid.x, mid.y - M.top, "#009e7314")}
          {region(M.left, M.top, mid.x - M.left, mid.y - M.top, "#d55e000f")}
          {region(mid.x, mid.y, W - M.right - mid.x, H - M.bottom - mid.y, "#d55e000f")}
          {region(M.left, mid.y, mid.x - M.left, H - M.bottom - mid.y, "#a3a3a314")}
          {ticks.map((t) => (
            <g key={t}>
              <line x1={sx(t)} x2={sx(t)} y1={M.top} y2={H - M.bottom} className={t === 0.5 ? "stroke-stone-400" : "stroke-stone-200"} />
              <line x1={M.left} x2={W - M.right} y1={sy(t)} y2={sy(t)} className={t === 0.5 ? "stroke-stone-400" : "stroke-stone-200"} />
              <text x={sx(t)} y={H - M.bottom + 16} textAnchor="middle" className="fill-stone-600 text-[11px]">
                {percent(t)}
              </text>
              <text x={M.left - 6} y={sy(t) + 4} textAnchor="end" className="fill-stone-600 text-[11px]">
                {percent(t)}
              </text>
            </g>
          ))}
          <line x1={sx(0)} y1={sy(0)} x2={sx(1)} y2={sy(1)} className="stroke-stone-300" strokeDasharray="4 4" />
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} fill="none" className="stroke-stone-300" />
          {/* Region names sit by the centre lines: the corners are where the measures gather. */}
          <text x={mid.x + 8} y={M.top + 16} className="fill-emerald-900 text-[12px] font-semibold uppercase tracking-wider">
            {mapRegionLabels.common_ground}
          </text>
          <text x={mid.x - 8} y={M.top + 16} textAnchor="end" className="fill-orange-900 text-[12px] font-semibold uppercase tracking-wider">
            {mapRegionLabels.contested}
          </text>
          <text x={mid.x + 8} y={H - M.bottom - 8} className="fill-orange-900 text-[12px] font-semibold uppercase tracking-wider">
            {mapRegionLabels.contested}
          </text>
          <text x={mid.x - 8} y={H - M.bottom - 8} textAnchor="end" className="fill-stone-600 text-[12px] font-semibold uppercase tracking-wider">
            {mapRegionLabels.little_support}
          </text>
          <text x={(M.left + W - M.right) / 2} y={H - 10} textAnchor="middle" className="fill-ink text-[12px] font-medium">
            Support in the {campLabels.internet_freedom} camp ({campMarks.internet_freedom}) →
          </text>
          <text
            transform={`translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
            className="fill-ink text-[12px] font-medium"
          >
            Support in the {campLabels.cyber_sovereignty} camp ({campMarks.cyber_sovereignty}) →
          </text>
        </g>
        <g aria-hidden>
          {placed
            .filter((p) => Math.hypot(p.x - p.tx, p.y - p.ty) > 2)
            .map((p) => (
              <g key={p.point.id}>
                <line x1={p.tx} y1={p.ty} x2={p.x} y2={p.y} className="stroke-stone-500" strokeWidth={1} />
                <circle cx={p.tx} cy={p.ty} r={2.5} fill={INK} />
              </g>
            ))}
        </g>
        {painted.map((p) => {
          const look = statusLook[p.point.status];
          return (
            <a
              key={p.point.id}
              href={`/forums/${forumId}/measures/${p.point.id}`}
              aria-label={pointName(p.point, p.index)}
              className="group cursor-pointer outline-none"
              data-measure-id={p.point.id}
              onMouseEnter={() => setActive(p.point.id)}
              onMouseLeave={() => setActive((a) => (a === p.point.id ? null : a))}
              onFocus={() => setActive(p.point.id)}
              onBlur={() => setActive((a) => (a === p.point.id ? null : a))}
            >
              <circle cx={p.x} cy={p.y} r={p.r + RING + 5} className="fill-transparent stroke-accent opacity-0 group-hover:opacity-40 group-focus-visible:opacity-100" strokeWidth={3} />
              <Ring cx={p.x} cy={p.y} r={p.r + RING} share={p.point.nonAligned} />
              <ShapeMark shape={look.shape} cx={p.x} cy={p.y} r={p.r} fill={look.fill} stroke={INK} strokeWidth={1.25} />
              <text x={p.x} y={p.y + 4} textAnchor="middle" fill={INK} className="pointer-events-none text-[11px] font-bold">
                {p.index + 1}
              </text>
            </a>
          );
        })}
      </svg>
      {shown && <Tooltip p={shown} />}
    </div>
  );
}
