import "server-only";
// Counting positions in the database: each measure's tally overall, per camp and per stakeholder
// group, in as few rows as PGlite and PostgreSQL can send (lib/core/tallies.ts counts the rows).
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { positions } from "@/db/schema";
import type { CampTally } from "@/lib/core/agenda";
import { emptyTally, tallyFrom, type Counts, type Tally } from "@/lib/core/tallies";
import { camps, stakeholderGroups, stances } from "@/lib/core/vocabulary";

/**
 * `count(*) filter (…)` per (value of `column`, stance): each measure's breakdown in one row,
 * where grouping by (measure, camp, group, stance) sends ~20 rows per measure through the driver.
 * The words are written into the statement rather than bound (54 parameters cost PGlite more
 * than the counting): they are the vocabulary's constants, never input.
 */
function stanceCountsBy(prefix: string, column: typeof positions.camp | typeof positions.stakeholderGroup, values: readonly string[]) {
  const word = (w: string) => sql.raw(`'${w}'`);
  const columns: Record<string, SQL<number>> = {};
  for (const value of values) {
    for (const stance of stances) {
      columns[`${prefix}_${value}_${stance}`] = sql<number>`(count(*) filter (where ${column} = ${word(value)} and ${positions.stance} = ${word(stance)}))::int`;
    }
  }
  return columns;
}

/** Per-measure counts by camp (and, if asked, by stakeholder group); measures nobody spoke on are absent. */
async function stanceCountRows(db: Db | Tx, measureIds: string[], withGroups: boolean) {
  const rows = await db
    .select({
      measureId: positions.measureId,
      ...stanceCountsBy("c", positions.camp, camps),
      ...(withGroups ? stanceCountsBy("g", positions.stakeholderGroup, stakeholderGroups) : {}),
    })
    .from(positions)
    .where(inArray(positions.measureId, measureIds))
    .groupBy(positions.measureId);
  return new Map(rows.map((row) => [row.measureId, row as unknown as Record<string, number>]));
}

function fillCounts(row: Record<string, number>, prefix: string, value: string): Counts {
  return {
    support: row[`${prefix}_${value}_support`] ?? 0,
    oppose: row[`${prefix}_${value}_oppose`] ?? 0,
    abstain: row[`${prefix}_${value}_abstain`] ?? 0,
  };
}

export function campTallyFrom(row: Record<string, number> | undefined): CampTally {
  const tally = emptyTally();
  if (!row) return { total: tally.total, byCamp: tally.byCamp };
  for (const camp of camps) {
    const counts = fillCounts(row, "c", camp);
    tally.byCamp[camp] = counts;
    // Every position has a camp, so the camps add up to the total.
    for (const stance of stances) tally.total[stance] += counts[stance];
  }
  return { total: tally.total, byCamp: tally.byCamp };
}

/** Tallies of the given measures, keyed by measure id (one grouped query, one row per measure). */
export async function talliesOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, Tally>> {
  const result = new Map<string, Tally>();
  if (measureIds.length === 0) return result;
  const rows = await stanceCountRows(db, measureIds, true);
  for (const id of measureIds) {
    const row = rows.get(id);
    const byGroup = emptyTally().byGroup;
    if (row) for (const group of stakeholderGroups) byGroup[group] = fillCounts(row, "g", group);
    result.set(id, { ...campTallyFrom(row), byGroup });
  }
  return result;
}

/** Totals and camp tallies only (what the forum page shows and ranks by), keyed by measure id. */
export async function campTalliesOf(db: Db | Tx, measureIds: string[]): Promise<Map<string, CampTally>> {
  const result = new Map<string, CampTally>();
  if (measureIds.length === 0) return result;
  const rows = await stanceCountRows(db, measureIds, false);
  for (const id of measureIds) result.set(id, campTallyFrom(rows.get(id)));
  return result;
}


/** One measure's tally. For one measure a grouped count (a dozen rows) costs PGlite less than talliesOf's one wide row. */
export async function tallyOf(db: Db | Tx, measureId: string): Promise<Tally> {
  const rows = await db
    .select({
      camp: positions.camp,
      stakeholderGroup: positions.stakeholderGroup,
      stance: positions.stance,
      count: sql<number>`count(*)::int`,
    })
    .from(positions)
    .where(eq(positions.measureId, measureId))
    .groupBy(positions.camp, positions.stakeholderGroup, positions.stance);
  return tallyFrom(rows);
}
