// The consensus map of a forum: every measure on the agenda placed by the share of support it has
// in the Internet Freedom camp (x) and in the Cyber Sovereignty camp (y), with the non-aligned
// share alongside. Pure, so the server (report, exports) and the browser (the live map) place a
// measure the same way.
import { bridgingScore, campSupportShares } from "./bridging";
import { countOf, type Tally } from "./tallies";
import type { Camp, MeasureStatus } from "./vocabulary";
import { campLabels } from "./vocabulary";

export const mapRegions = ["common_ground", "contested", "little_support"] as const;
export type MapRegion = (typeof mapRegions)[number];

export const mapRegionLabels: Record<MapRegion, string> = {
  common_ground: "Common ground",
  contested: "Contested",
  little_support: "Little support",
};

export const mapRegionExplanations: Record<MapRegion, string> = {
  common_ground: "a majority of both camps supports it",
  contested: "one camp's majority supports it and the other's does not",
  little_support: "neither camp's majority supports it",
};

/** Drafts are their authors' business and withdrawn measures are off the agenda. */
export const onTheAgenda = (status: MeasureStatus) => status !== "draft" && status !== "withdrawn";

export type MapMeasure = { id: string; title: string; status: MeasureStatus; tally: Tally };

export interface MapPoint {
  id: string;
  title: string;
  status: MeasureStatus;
  tally: Tally;
  positions: number;
  /** Support ÷ (support + oppose) in each camp; abstentions count for neither side. */
  internetFreedom: number;
  cyberSovereignty: number;
  nonAligned: number | null;
  region: MapRegion;
  bridging: number;
}

/** A measure a camp has neither supported nor opposed: it has no place on the map yet. */
export interface UnplacedMeasure {
  id: string;
  title: string;
  status: MeasureStatus;
  tally: Tally;
  positions: number;
  missing: Camp[];
}

export interface ConsensusMap {
  points: MapPoint[];
  unplaced: UnplacedMeasure[];
}

/** A majority means more support than opposition, as in the cross-camp rule: a tie is not one. */
export function regionOf(internetFreedom: number, cyberSovereignty: number): MapRegion {
  const ifMajority = internetFreedom > 0.5;
  const csMajority = cyberSovereignty > 0.5;
  if (ifMajority && csMajority) return "common_ground";
  if (ifMajority || csMajority) return "contested";
  return "little_support";
}

/** Places the measures on the agenda, in the order given. */
export function consensusMap(measures: readonly MapMeasure[]): ConsensusMap {
  const points: MapPoint[] = [];
  const unplaced: UnplacedMeasure[] = [];
  for (const m of measures) {
    if (!onTheAgenda(m.status)) continue;
    const shares = campSupportShares(m.tally);
    const positions = countOf(m.tally.total);
    const x = shares.internet_freedom;
    const y = shares.cyber_sovereignty;
    if (x === null || y === null) {
      const missing = (["internet_freedom", "cyber_sovereignty"] as const).filter((c) => shares[c] === null);
      unplaced.push({ id: m.id, title: m.title, status: m.status, tally: m.tally, positions, missing });
      continue;
    }
    points.push({
      id: m.id,
      title: m.title,
      status: m.status,
      tally: m.tally,
      positions,
      internetFreedom: x,
      cyberSovereignty: y,
      nonAligned: shares.non_aligned,
      region: regionOf(x, y),
      bridging: bridgingScore(m.tally),
    });
  }
  return { points, unplaced };
}

export function regionCounts(map: ConsensusMap): Record<MapRegion, number> {
  const counts: Record<MapRegion, number> = { common_ground: 0, contested: 0, little_support: 0 };
  for (const p of map.points) counts[p.region] += 1;
  return counts;
}

const measuresWord = (n: number) => `${n} ${n === 1 ? "measure" : "measures"}`;
const regionPhrase: Record<MapRegion, (n: number) => string> = {
  common_ground: (n) => `${n} ${n === 1 ? "is" : "are"} on common ground`,
  contested: (n) => `${n} ${n === 1 ? "is" : "are"} contested`,
  little_support: (n) => `${n} ${n === 1 ? "has" : "have"} little support`,
};

/** The map in one paragraph, for screen readers and for the report. */
export function describeConsensusMap(map: ConsensusMap): string {
  const total = map.points.length + map.unplaced.length;
  if (total === 0) return "No measure is on the agenda yet.";
  const counts = regionCounts(map);
  const parts = mapRegions.map((r) => `${regionPhrase[r](counts[r])} (${mapRegionExplanations[r]})`);
  let text = `Of ${measuresWord(total)} on the agenda, ${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}.`;
  if (map.unplaced.length > 0) {
    text += ` ${measuresWord(map.unplaced.length)} cannot be placed yet: ${campLabels.internet_freedom} or ${campLabels.cyber_sovereignty} has not supported or opposed ${map.unplaced.length === 1 ? "it" : "them"}.`;
  }
  return text;
}

/** A share as a whole percentage, or a dash when the camp has not spoken. */
export const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
