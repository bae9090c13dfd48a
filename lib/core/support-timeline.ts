// How support for a measure moved, camp by camp, as positions were taken. Replayed from the audit
// trail: "position.taken" and "position.changed" carry the stance and the camp it was taken with,
// and "positions.withdrawn" takes a member's position away (removed, or made an observer). Pure, so the replay is tested without a
// database and each step's counts can be checked against the tally.
import { emptyCounts, type Counts } from "./tallies";
import type { Camp, Stance } from "./vocabulary";
import { camps } from "./vocabulary";

export type PositionChange =
  | { at: string; memberId: string; delegation: string; stance: Stance; camp: Camp }
  /** The member's position was withdrawn (they were removed or made an observer). */
  | { at: string; memberId: string; delegation: string; stance: null };

export interface SupportStep {
  at: string;
  delegation: string;
  /** The camp of the position that changed (for a withdrawal: the camp it had been taken with). */
  camp: Camp;
  stance: Stance | null;
  previous: Stance | null;
  byCamp: Record<Camp, Counts>;
}

const emptyByCamp = () => Object.fromEntries(camps.map((c) => [c, emptyCounts()])) as Record<Camp, Counts>;

const copy = (byCamp: Record<Camp, Counts>) =>
  Object.fromEntries(camps.map((c) => [c, { ...byCamp[c] }])) as Record<Camp, Counts>;

/**
 * One step per change, oldest first, each with every camp's counts after it. A change of camp
 * moves the member's position from the old camp's counts to the new one's. A repeat of the
 * stance and camp a member already holds (a rationale edited) changes no count and is skipped.
 */
export function supportTimeline(changes: readonly PositionChange[]): SupportStep[] {
  const held = new Map<string, { stance: Stance; camp: Camp }>();
  const byCamp = emptyByCamp();
  const steps: SupportStep[] = [];
  for (const change of changes) {
    const before = held.get(change.memberId) ?? null;
    if (change.stance === null) {
      if (!before) continue;
      byCamp[before.camp][before.stance] -= 1;
      held.delete(change.memberId);
      steps.push({ at: change.at, delegation: change.delegation, camp: before.camp, stance: null, previous: before.stance, byCamp: copy(byCamp) });
      continue;
    }
    if (before && before.stance === change.stance && before.camp === change.camp) continue;
    if (before) byCamp[before.camp][before.stance] -= 1;
    byCamp[change.camp][change.stance] += 1;
    held.set(change.memberId, { stance: change.stance, camp: change.camp });
    steps.push({
      at: change.at,
      delegation: change.delegation,
      camp: change.camp,
      stance: change.stance,
      previous: before?.stance ?? null,
      byCamp: copy(byCamp),
    });
  }
  return steps;
}

/** Support ÷ (support + oppose), the share the consensus map and the bridging score use. */
export function supportShare(c: Pick<Counts, "support" | "oppose">): number | null {
  const n = c.support + c.oppose;
  return n === 0 ? null : c.support / n;
}
