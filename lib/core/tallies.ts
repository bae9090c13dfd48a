// Counting positions: overall, per camp and per stakeholder group. The counting itself is pure
// (`tallyFrom`) so it is unit-tested; the queries feed it grouped counts from the database.
import type { Camp, Stance, StakeholderGroup } from "./vocabulary";
import { camps, stakeholderGroups } from "./vocabulary";

export type Counts = Record<Stance, number>;

export interface Tally {
  total: Counts;
  byCamp: Record<Camp, Counts>;
  byGroup: Record<StakeholderGroup, Counts>;
}

export interface TallyRow {
  camp: Camp;
  stakeholderGroup: StakeholderGroup;
  stance: Stance;
  count: number;
}

export const emptyCounts = (): Counts => ({ support: 0, oppose: 0, abstain: 0 });

export function emptyTally(): Tally {
  return {
    total: emptyCounts(),
    byCamp: Object.fromEntries(camps.map((c) => [c, emptyCounts()])) as Tally["byCamp"],
    byGroup: Object.fromEntries(stakeholderGroups.map((g) => [g, emptyCounts()])) as Tally["byGroup"],
  };
}

export function tallyFrom(rows: Iterable<TallyRow>): Tally {
  const tally = emptyTally();
  for (const row of rows) {
    tally.total[row.stance] += row.count;
    tally.byCamp[row.camp][row.stance] += row.count;
    tally.byGroup[row.stakeholderGroup][row.stance] += row.count;
  }
  return tally;
}

export const countOf = (c: Counts) => c.support + c.oppose + c.abstain;
