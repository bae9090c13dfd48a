import "server-only";
// Taking a position: the busiest write of a forum in session, written in batches (group commit).
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { getDatabase, type Db, type Tx } from "@/db/client";
import { DomainError, forbidden, notFound } from "@/lib/core/errors";
import type { PositionChange } from "@/lib/core/events";
import { groupCommit, type Outcome } from "@/lib/live/group-commit";
import { retrying } from "@/lib/live/transact";
import { openForPositions } from "@/lib/core/lifecycle";
import { publish } from "@/lib/live/realtime";
import { tallyFrom, type Tally, type TallyRow } from "@/lib/core/tallies";
import { measureStatuses, type Camp, type ForumStatus, type MeasureStatus, type Role, type StakeholderGroup, type Stance } from "@/lib/core/vocabulary";
import type { takePositionInput } from "@/lib/core/validation";
import type { PositionView } from "@/lib/core/views";

type Taken = { position: PositionView; tally: Tally };
type Request = { userId: string; measureId: string; data: z.output<typeof takePositionInput> };

// Positions that arrive while a batch is written go together in the next one (bench/README.md
// has the figures); 200 keeps one batch's statements and its event a reasonable size. Under load
// (a position every 5 ms or more often) a batch waits 5 ms to gather more: at 1,000 positions a
// second batches grew from ~5 to ~12 positions and the server's CPU per position fell by 30 %;
// at 250 a second, where batches held one or two, each position cost ~3.7 ms of CPU.
const MAX_BATCH = 200;
const GATHER_MS = 5;
const writePosition = groupCommit(writeBatch, MAX_BATCH, GATHER_MS);

/**
 * A delegate (or chair) takes or changes their position on a measure. One position per member
 * per measure (upsert); the member's current camp and group are snapshotted on it. A request
 * repeated with a clientId the member has written with before changes nothing and publishes
 * nothing, even after a later write (db/schema.ts, position_writes).
 *
 * This is the busiest write of a forum in session, so positions are written in batches (group
 * commit): whatever arrives while one batch is written goes in the next, and each request gets
 * its own answer, the tally of its measure as the batch left it, or its own error.
 */
export async function takePosition(userId: string, measureId: string, data: z.output<typeof takePositionInput>): Promise<Taken> {
  return writePosition({ userId, measureId, data });
}

/** A request's forum, measure and membership, and the member's position before the batch. */
type Context = {
  i: number;
  forumId: string;
  forumStatus: ForumStatus;
  status: MeasureStatus;
  isAuthor: boolean;
  memberId: string;
  role: Role;
  camp: Camp;
  stakeholderGroup: StakeholderGroup;
  delegation: string;
  previous: Omit<PositionView, "memberId" | "delegation"> | null;
};

/** A retry of a position that was applied and has since been withdrawn (the member was made an observer and back). */
const withdrawnSince = () =>
  new DomainError("conflict", "This request was applied earlier and that position has since been withdrawn: take your position again.");

/** Why a member may not take a position on the measure now, if they may not. */
function refusal(ctx: Context): DomainError | null {
  // Outsiders, and members looking for someone else's draft, learn nothing about it.
  if (ctx.status === "draft" && !ctx.isAuthor) return notFound("Measure");
  if (ctx.role === "observer") return forbidden("Observers do not take positions.");
  if (!openForPositions(ctx.status)) {
    return new DomainError("conflict", "This measure is not open for positions: it is not under discussion or in decision.");
  }
  if (ctx.forumStatus === "closed") return new DomainError("conflict", "This forum is closed: it is read-only until the chair reopens it.");
  return null;
}
// What `refusal` lets through, as the batch's statement filters it.
const openStatuses = measureStatuses.filter(openForPositions);

/**
 * One batch, whatever its size, in one statement (batchStatement), after the forums' row locks on
 * PostgreSQL. Each request gets its own outcome: its position and its measure's tally as the batch
 * left them, or its own refusal.
 */
async function writeBatch(requests: Request[]): Promise<Outcome<Taken>[]> {
  const outcomes: Outcome<Taken>[] = [];
  // A member's second position on one measure waits for the next batch: one statement cannot
  // upsert a row twice, and it must be written after the first.
  const firsts: number[] = [];
  const keys = new Set<string>();
  requests.forEach(({ userId, measureId }, i) => {
    const key = `${userId}:${measureId}`;
    if (keys.has(key)) return (outcomes[i] = "again");
    keys.add(key);
    firsts.push(i);
  });
  const batch = firsts.map((i) => requests[i]!);
  const updatedAt = new Date().toISOString();

  const database = getDatabase();
  // One statement is atomic by itself, and PGlite runs one statement or transaction at a time
  // (db/client.ts): it needs no transaction and no lock. PostgreSQL takes the forums' row locks
  // first (in id order, so that two instances cannot deadlock), in the same transaction: what the
  // statement then reads (a measure's status, a previous position, a tally) stays as read until
  // it commits, because every other write to a forum takes the same lock.
  const result =
    database.kind === "pglite"
      ? await batchStatement(database.db, batch, updatedAt)
      : await retrying(() =>
          database.db.transaction(async (tx) => {
            const measureIds = [...new Set(batch.map((r) => r.measureId))];
            await tx.execute(sql`select id from forums
                where id in (select forum_id from measures where id = any(${pgArray(measureIds)}::uuid[]))
                order by id for no key update`);
            return batchStatement(tx, batch, updatedAt);
          }),
        );

  const byForum = new Map<string, { view: PositionView; measureId: string }[]>();
  firsts.forEach((i, k) => {
    const { measureId, data } = requests[i]!;
    const ctx = result.contexts.get(k);
    const refused = ctx ? refusal(ctx) : notFound("Measure");
    if (refused || !ctx) return (outcomes[i] = { ok: false, error: refused });
    const tally = result.tallies.get(measureId)!;
    if (!result.written.has(`${measureId}:${ctx.memberId}`)) {
      // A retry of a write already applied: the position as it is stored now.
      if (!ctx.previous) return (outcomes[i] = { ok: false, error: withdrawnSince() });
      return (outcomes[i] = { ok: true, value: { position: { ...ctx.previous, memberId: ctx.memberId, delegation: ctx.delegation }, tally } });
    }
    const view: PositionView = {
      memberId: ctx.memberId,
      stance: data.stance,
      rationale: data.rationale,
      camp: ctx.camp,
      stakeholderGroup: ctx.stakeholderGroup,
      updatedAt,
      delegation: ctx.delegation,
    };
    outcomes[i] = { ok: true, value: { position: view, tally } };
    byForum.set(ctx.forumId, [...(byForum.get(ctx.forumId) ?? []), { view, measureId }]);
  });

  // The positions written in a forum took its seqs seq - n + 1 to seq; one event covers them all.
  for (const [forumId, list] of byForum) {
    const seq = result.seqs.get(forumId)!;
    const changes = new Map<string, PositionChange>();
    for (const { measureId, view } of list) {
      const change = changes.get(measureId) ?? { measureId, tally: result.tallies.get(measureId)!, positions: [] };
      change.positions.push(view);
      changes.set(measureId, change);
    }
    publish({ type: "positions:changed", forumId, firstSeq: seq - list.length + 1, seq, changes: [...changes.values()] });
  }
  return outcomes;
}

type ContextRow = Omit<Context, "previous"> & {
  previousStance: Stance | null;
  previousRationale: string;
  previousCamp: Camp;
  previousGroup: StakeholderGroup;
  previousUpdatedAt: string;
};

/**
 * Reads every request's context, and writes the positions that `refusal` allows, what
 * lib/sequence.ts `bumpSeq` and lib/audit.ts `audit` do for each, and counts the tallies, in one
 * statement. The statement is the function take_positions_batch (db/migrations/0006_…), so that it
 * is planned once per connection: on PGlite, planning it on each call was 3 of its 5 ms. The batch
 * travels as one JSON parameter and the ids as arrays, not as parameters per row: binding hundreds
 * of them cost more than the statement. (Arrays, unlike JSON, tell the planner how many ids to
 * expect, so it looks them up by index; PGlite has no statistics.)
 *
 * A retry of a write already applied (a clientId in position_writes) updates no row: it gets no seq and no audit
 * entry. Each forum's seq moves on by its number of positions written. The statement counts the
 * tallies as they stood before it (the parts of one statement all see the same snapshot), and each
 * written position then moves its previous stance's count to its new one: so a tally includes
 * this batch and every write committed before it, and the event with the highest seq carries the
 * current tally.
 */
async function batchStatement(db: Db | Tx, batch: Request[], updatedAt: string) {
  const input = batch.map(({ userId, measureId, data }, i) => ({
    i,
    user_id: userId,
    measure_id: measureId,
    stance: data.stance,
    rationale: data.rationale,
    client_id: data.clientId,
  }));
  const measureIds = [...new Set(batch.map((r) => r.measureId))];
  const [row] = await rowsOf<{
    contexts: Json<ContextRow[] | null>;
    written: Json<string[] | null>;
    seqs: Json<{ id: string; seq: number | string }[] | null>;
    tallies: Json<[measureId: string, counts: string][]>;
  }>(
    db,
    sql`select * from take_positions_batch(${JSON.stringify(input)}::json, ${pgArray(measureIds)}::uuid[],
          ${pgArray(openStatuses)}::measure_status[], ${updatedAt}::timestamptz)`,
  );
  const contexts = new Map(
    (parsed(row!.contexts) ?? []).map(({ previousStance, previousRationale, previousCamp, previousGroup, previousUpdatedAt, ...ctx }) => [
      ctx.i,
      {
        ...ctx,
        previous: previousStance
          ? { stance: previousStance, rationale: previousRationale, camp: previousCamp, stakeholderGroup: previousGroup, updatedAt: previousUpdatedAt }
          : null,
      },
    ]),
  );
  const written = new Set(parsed(row!.written) ?? []);
  const counts = new Map<string, TallyRow[]>(measureIds.map((id) => [id, []]));
  for (const [measureId, list] of parsed(row!.tallies)) counts.get(measureId)!.push(...list.split(",").map(countRow));
  batch.forEach(({ measureId, data }, i) => {
    const ctx = contexts.get(i);
    if (!ctx || !written.has(`${measureId}:${ctx.memberId}`)) return;
    const moved = counts.get(measureId)!;
    if (ctx.previous) {
      const { camp, stakeholderGroup, stance } = ctx.previous;
      moved.push({ camp, stakeholderGroup, stance, count: -1 });
    }
    moved.push({ camp: ctx.camp, stakeholderGroup: ctx.stakeholderGroup, stance: data.stance, count: 1 });
  });
  return {
    contexts,
    written,
    seqs: new Map((parsed(row!.seqs) ?? []).map((s) => [s.id, Number(s.seq)])),
    tallies: new Map([...counts].map(([id, list]) => [id, tallyFrom(list)])),
  };
}

/** One count of the statement's compact tallies: "camp group stance count" (migration 0006). */
function countRow(text: string): TallyRow {
  const [camp, stakeholderGroup, stance, count] = text.split(" ");
  return { camp: camp as Camp, stakeholderGroup: stakeholderGroup as StakeholderGroup, stance: stance as Stance, count: Number(count) };
}

/** A PostgreSQL array literal of ids or numbers (never text: nothing here needs quoting). */
const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/** The rows of a raw statement (PGlite and node-postgres both answer `{ rows }`). */
async function rowsOf<T>(db: Db | Tx, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

// json arrives parsed or as text, by driver.
type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
