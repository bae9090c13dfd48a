// Who is in the room and who has spoken: members by camp and stakeholder group, measures by
// status, the delegations a decision is still waiting for, and the participation figures of the
// outcome report. Pure, so every figure the dashboard and the report show is unit-tested.
import { countOf, emptyCounts, type Counts, type Tally } from "./tallies";
import type { Camp, MeasureStatus, Role, StakeholderGroup, Stance } from "./vocabulary";
import { camps, measureStatuses, roles, stakeholderGroups } from "./vocabulary";
import type { DecisionView, MemberView } from "./views";

export type RoomMember = Pick<MemberView, "id" | "role" | "camp" | "stakeholderGroup" | "delegation">;

/** Observers follow the debate but take no positions (lib/positions.ts refuses them). */
export const takesPositions = (role: Role) => role !== "observer";

export interface MemberMatrix {
  /** cells[camp][group]: how many members of that camp are in that stakeholder group. */
  cells: Record<Camp, Record<StakeholderGroup, number>>;
  byCamp: Record<Camp, number>;
  byGroup: Record<StakeholderGroup, number>;
  total: number;
}

export function membersByCampAndGroup(members: readonly Pick<RoomMember, "camp" | "stakeholderGroup">[]): MemberMatrix {
  const zeroGroups = () => Object.fromEntries(stakeholderGroups.map((g) => [g, 0])) as Record<StakeholderGroup, number>;
  const cells = Object.fromEntries(camps.map((c) => [c, zeroGroups()])) as MemberMatrix["cells"];
  const byCamp = Object.fromEntries(camps.map((c) => [c, 0])) as Record<Camp, number>;
  const byGroup = zeroGroups();
  for (const m of members) {
    cells[m.camp][m.stakeholderGroup] += 1;
    byCamp[m.camp] += 1;
    byGroup[m.stakeholderGroup] += 1;
  }
  return { cells, byCamp, byGroup, total: members.length };
}

export function membersByRole(members: readonly Pick<RoomMember, "role">[]): Record<Role, number> {
  const counts = Object.fromEntries(roles.map((r) => [r, 0])) as Record<Role, number>;
  for (const m of members) counts[m.role] += 1;
  return counts;
}

export function measuresByStatus(measures: readonly { status: MeasureStatus }[]): Record<MeasureStatus, number> {
  const counts = Object.fromEntries(measureStatuses.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const m of measures) counts[m.status] += 1;
  return counts;
}

export type AwaitedMeasure = {
  id: string;
  title: string;
  rule: DecisionView["rule"];
  deadline: string | null;
  /** Members who can take a position and have. */
  taken: number;
  /** Members who can take a position and have not, by delegation name. */
  awaiting: RoomMember[];
};

/**
 * For each measure in decision, the members still to take a position. Under the silence
 * procedure nobody is expected to: it adopts unless someone objects, so it is left out.
 */
export function awaitingPositions(
  measures: readonly { id: string; title: string; status: MeasureStatus; decision: Pick<DecisionView, "rule" | "deadline"> | null }[],
  members: readonly RoomMember[],
  holders: ReadonlyMap<string, ReadonlySet<string>>,
): AwaitedMeasure[] {
  const eligible = members.filter((m) => takesPositions(m.role));
  return measures
    .filter((m) => m.status === "in_decision" && m.decision && m.decision.rule !== "silence")
    .map((m) => {
      const held = holders.get(m.id) ?? new Set<string>();
      const awaiting = eligible.filter((e) => !held.has(e.id)).sort((a, b) => a.delegation.localeCompare(b.delegation));
      return { id: m.id, title: m.title, rule: m.decision!.rule, deadline: m.decision!.deadline, taken: eligible.length - awaiting.length, awaiting };
    });
}

export type CastPosition = { memberId: string; camp: Camp; stance: Stance };

export interface Participation {
  members: number;
  byRole: Record<Role, number>;
  /** Chairs and delegates: the members who can take positions. */
  canTakePositions: number;
  /** Distinct members with at least one position on a measure on the agenda (removed members included). */
  delegationsWithPositions: number;
  positions: Counts & { total: number };
  positionsByCamp: Record<Camp, Counts>;
  comments: number;
  delegationsWithComments: number;
}

export function participation(
  members: readonly RoomMember[],
  positions: readonly CastPosition[],
  comments: readonly { memberId: string }[],
): Participation {
  const byRole = membersByRole(members);
  const total = emptyCounts();
  const positionsByCamp = Object.fromEntries(camps.map((c) => [c, emptyCounts()])) as Record<Camp, Counts>;
  for (const p of positions) {
    total[p.stance] += 1;
    positionsByCamp[p.camp][p.stance] += 1;
  }
  return {
    members: members.length,
    byRole,
    canTakePositions: members.filter((m) => takesPositions(m.role)).length,
    delegationsWithPositions: new Set(positions.map((p) => p.memberId)).size,
    positions: { ...total, total: countOf(total) },
    positionsByCamp,
    comments: comments.length,
    delegationsWithComments: new Set(comments.map((c) => c.memberId)).size,
  };
}

/** Stakeholder groups in which anyone took a position: the rows worth showing for a tally. */
export const groupsWithPositions = (tally: Tally) => stakeholderGroups.filter((g) => countOf(tally.byGroup[g]) > 0);
