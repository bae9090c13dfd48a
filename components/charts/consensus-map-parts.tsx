// What sits beside and below the consensus map: its key, and the map as a table (the accessible
// alternative, and the part of the report a reader can quote).
import Link from "next/link";
import { mapRegionLabels, mapRegions, percent, regionCounts, type ConsensusMap } from "@/lib/core/consensus-map";
import { supportShare } from "@/lib/core/support-timeline";
import { countOf, type Counts } from "@/lib/core/tallies";
import { campLabels, campMarks, measureStatusLabels, type MeasureStatus } from "@/lib/core/vocabulary";
import { DataTable } from "./chart-figure";
import { INK, statusLook } from "./palette";
import { ShapeMark } from "./shape";
import { radiusFor } from "./map-geometry";

const mapped: MeasureStatus[] = ["under_discussion", "in_decision", "adopted", "not_adopted"];

function Swatch({ children, size = 22 }: { children: React.ReactNode; size?: number }) {
  return (
    <svg aria-hidden width={size} height={size} viewBox={`0 0 ${size} ${size}`} className="shrink-0">
      {children}
    </svg>
  );
}

export function ConsensusMapKey({ map }: { map: ConsensusMap }) {
  const counts = regionCounts(map);
  return (
    <div className="space-y-4 text-sm">
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Where the measures are</h3>
        <ul className="mt-1 space-y-0.5" aria-label="Measures by region" data-testid="region-counts">
          {mapRegions.map((r) => (
            <li key={r} className="flex justify-between gap-2" data-region={r}>
              <span>{mapRegionLabels[r]}</span>
              <span className="font-semibold tabular-nums">{counts[r]}</span>
            </li>
          ))}
          <li className="flex justify-between gap-2 text-stone-500" data-region="unplaced">
            <span>Not yet placed</span>
            <span className="font-semibold tabular-nums">{map.unplaced.length}</span>
          </li>
        </ul>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Status: colour and shape</h3>
        <ul className="mt-1 space-y-1" aria-label="Status key">
          {mapped.map((s) => (
            <li key={s} className="flex items-center gap-2">
              <Swatch>
                <ShapeMark shape={statusLook[s].shape} cx={11} cy={11} r={7} fill={statusLook[s].fill} stroke={INK} strokeWidth={1.25} />
              </Swatch>
              {measureStatusLabels[s]}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Size: positions taken</h3>
        <p className="mt-1 flex items-end gap-3 text-xs text-stone-600">
          {[1, 8, 25].map((n) => (
            <span key={n} className="inline-flex flex-col items-center gap-0.5">
              <Swatch size={2 * radiusFor(n) + 2}>
                <circle cx={radiusFor(n) + 1} cy={radiusFor(n) + 1} r={radiusFor(n)} className="fill-stone-200" stroke={INK} strokeWidth={1} />
              </Swatch>
              {n}
            </span>
          ))}
        </p>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Ring: {campLabels.non_aligned} support</h3>
        <p className="mt-1 flex items-center gap-2 text-xs text-stone-600">
          <Swatch size={26}>
            <circle cx={13} cy={13} r={10} fill="none" strokeWidth={3} className="stroke-stone-200" />
            <circle cx={13} cy={13} r={10} fill="none" strokeWidth={3} className="stroke-camp-na" strokeDasharray={`${0.75 * 2 * Math.PI * 10} 100`} transform="rotate(-90 13 13)" />
          </Swatch>
          The purple arc runs clockwise from the top: a full ring is 100%, this one 75%. A dotted grey ring: no non-aligned support or oppose positions.
        </p>
      </div>
      <p className="text-xs text-stone-500">
        Support share = support ÷ (support + oppose) within a camp; abstentions count for neither side. The diagonal marks equal support in both camps;
        a line leads from a point moved aside to make room back to its true place.
      </p>
    </div>
  );
}

const cell = (c: Counts, share: number | null) => (
  <span className="whitespace-nowrap">
    {percent(share)} <span className="text-xs text-stone-500">({c.support}/{c.oppose}/{c.abstain})</span>
  </span>
);

/** One row per measure on the agenda, numbered as on the map; the unplaced ones last. */
export function ConsensusMapTable({ map, forumId }: { map: ConsensusMap; forumId: string }) {
  const link = (id: string, title: string) => (
    <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}/measures/${id}`}>
      {title}
    </Link>
  );
  return (
    <div className="overflow-x-auto" data-testid="consensus-map-table">
      <DataTable
        caption="The consensus map as a table: each camp's support share, then support / oppose / abstain"
        textColumns={3}
        head={["Measure", "Status", "Region", `${campMarks.internet_freedom} support`, `${campMarks.cyber_sovereignty} support`, `${campMarks.non_aligned} support`, "Positions"]}
        rows={[
          ...map.points.map((p, i) => ({
            key: p.id,
            cells: [
              <span key="t">
                <span className="tabular-nums text-stone-500">{i + 1}.</span> {link(p.id, p.title)}
              </span>,
              measureStatusLabels[p.status],
              mapRegionLabels[p.region],
              cell(p.tally.byCamp.internet_freedom, p.internetFreedom),
              cell(p.tally.byCamp.cyber_sovereignty, p.cyberSovereignty),
              cell(p.tally.byCamp.non_aligned, p.nonAligned),
              countOf(p.tally.total),
            ],
          })),
          ...map.unplaced.map((u) => ({
            key: u.id,
            cells: [
              <span key="t">
                <span className="text-stone-500">–</span> {link(u.id, u.title)}
              </span>,
              measureStatusLabels[u.status],
              `Not placed: no ${u.missing.map((c) => campMarks[c]).join(" or ")} support or oppose`,
              cell(u.tally.byCamp.internet_freedom, supportShare(u.tally.byCamp.internet_freedom)),
              cell(u.tally.byCamp.cyber_sovereignty, supportShare(u.tally.byCamp.cyber_sovereignty)),
              cell(u.tally.byCamp.non_aligned, supportShare(u.tally.byCamp.non_aligned)),
              u.positions,
            ],
          })),
        ]}
      />
    </div>
  );
}
