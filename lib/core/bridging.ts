// Which measures bridge the camps and which divide them, computed from tallies the way Pol.is
// scores group-informed consensus. Pure, so lists can be ranked on the server or in the browser.
import type { Tally } from "./tallies";
import type { Camp } from "./vocabulary";
import { camps } from "./vocabulary";

// Only the camps count here, so a tally without the stakeholder groups will do.
type CampCounts = Pick<Tally, "byCamp">;

/**
 * Product over the camps of (support + 1) / (support + oppose + 2). The +1/+2 (Laplace smoothing)
 * keeps a camp with one supporter from looking as convinced as a camp with fifty, and the product
 * means one opposed camp drags the whole score down however keen the others are.
 */
export function bridgingScore(tally: CampCounts): number {
  let score = 1;
  for (const camp of camps) {
    const { support, oppose } = tally.byCamp[camp];
    score *= (support + 1) / (support + oppose + 2);
  }
  return score;
}

export const bridgingExplanation =
  "Product over the three camps of each camp's smoothed support share, (support + 1) / (support + oppose + 2): near 1 when every camp supports, near 0 when any camp opposes; 0.125 is the neutral point, reached when nobody has spoken or every camp is evenly split.";

export function campSupportShares(tally: CampCounts): Record<Camp, number | null> {
  const shares = {} as Record<Camp, number | null>;
  for (const camp of camps) {
    const { support, oppose } = tally.byCamp[camp];
    const n = support + oppose;
    shares[camp] = n === 0 ? null : support / n;
  }
  return shares;
}

/** How far apart the camps that have spoken are; a camp that has not spoken cannot divide. */
export function divideGap(tally: CampCounts): number {
  const present = Object.values(campSupportShares(tally)).filter((s): s is number => s !== null);
  if (present.length < 2) return 0;
  return Math.max(...present) - Math.min(...present);
}

// Array.prototype.sort is stable (ES2019), so equal scores keep the caller's order, e.g. agenda order.
export function rankCommonGround<T extends { tally: CampCounts }>(items: T[]): (T & { bridging: number })[] {
  return items
    .map((item) => ({ ...item, bridging: bridgingScore(item.tally) }))
    .sort((a, b) => b.bridging - a.bridging);
}

export function rankDivides<T extends { tally: CampCounts }>(items: T[]): (T & { gap: number })[] {
  return items
    .map((item) => ({ ...item, gap: divideGap(item.tally) }))
    .filter((item) => item.gap > 0)
    .sort((a, b) => b.gap - a.gap);
}
