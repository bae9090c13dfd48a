import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { positions, type Position, type measures } from "@/db/schema";
import { DomainError, forbidden, notFound } from "./errors";
import type { PositionChange } from "./events";
import { groupCommit, type Outcome } from "./group-commit";
import { toPositionView } from "./measures";
import { openForPositions } from "./lifecycle";
import { publish } from "./realtime";
import { tallyFrom, type Tally, type TallyRow } from "./tallies";
import type { Camp, Role, StakeholderGroup } from "./vocabulary";
import { takePositionInput, uuidParam } from "./validation";
import type { PositionView } from "./views";

type Taken = { position: PositionView; tally: Tally };
type Request = { userId: string; measureId: string; data: z.output<typeof takePositionInput> };

// Positions that arrive while a batch is written go together in the next one (bench/README.md
// has the figures); 200 keeps one batch's statements and its event a reasonable size.
const MAX_BATCH = 200;
const writePosition = groupCommit(writeBatch, MAX_BATCH);

/**
 * A delegate (or chair) takes or changes their position on a measure. One position per member
 * per measure (upsert); the member's current camp and group are snapshotted on it. A request
 * repeated with the same clientId changes nothing and publishes nothing.
 *
 * This is the busiest write of a forum in session, so positions are written in batches (group
 * commit): whatever arrives while one batch is written goes in the next, and each request gets
 * its own answer, the tally of its measure as the batch left it, or its own error.
 */
export async function takePosition(
  userId: string,
  measureId: string,
  input: z.input<typeof takePositionInput>,
): Promise<Taken> {
  const data = takePositionInput.parse(input);
  if (!uuidParam.safeParse(measureId).success) throw notFound("Measure");
  return writePosition({ userId, measureId, data });
}

type Context = {
  i: number;
  forumId: string;
  status: (typeof measures.$inferSelect)["status"];
  isAuthor: boolean;
  memberId: string;
  role: Role;
  camp: Camp;
  stakeholderGroup: StakeholderGroup;
  delegation: string;
  previousStance: string | null;
  previousCamp: Camp | null;
};

/**
 * One batch in one transaction of four statements, whatever its size: lock the forums, read every
 * request's context, upsert the positions, then sequence numbers + audit entries + tallies. Each
 * statement takes the batch in a few parameters (arrays; rows to insert as JSON), not in
 * parameters per row: building and binding hundreds of them cost more than the statements. The
 * arrays, unlike JSON, tell the planner how many ids to expect, so it looks them up by index (with
 * no statistics, as on PGlite, a JSON list is planned as 100 rows and the positions scanned).
 */
async function writeBatch(requests: Request[]): Promise<Outcome<Taken>[]> {
  const outcomes: Outcome<Taken>[] = [];
  const { events } = await getDb().transaction(async (tx) => {
    // 1. The forums' row locks first (in id order, so that two instances cannot deadlock):
    // everything read after them (a measure's status, a previous position, a tally) stays as
    // read until this batch commits, because every other write to a forum takes the same lock.
    const measureIds = [...new Set(requests.map((r) => r.measureId))];
    const locked = await rowsOf<{ id: string; status: string }>(
      tx,
      sql`select id, status from forums
          where id in (select forum_id from measures where id = any(${pgArray(measureIds)}::uuid[]))
          order by id for update`,
    );
    const forumStatus = new Map(locked.map((f) => [f.id, f.status]));

    // 2. Each request's measure, membership, authorship (for drafts) and previous position.
    const contexts = await readContexts(tx, requests);

    // Which requests may write. A member's second position on one measure in the same batch
    // waits for the next batch: one statement cannot upsert a row twice, and it must come after.
    const writers: { i: number; ctx: Context }[] = [];
    const keys = new Set<string>();
    requests.forEach((request, i) => {
      const ctx = contexts.get(i);
      const forumState = ctx && forumStatus.get(ctx.forumId);
      // Outsiders, and members looking for someone else's draft, learn nothing about it.
      if (!ctx || !forumState || (ctx.status === "draft" && !ctx.isAuthor)) return (outcomes[i] = { ok: false, error: notFound("Measure") });
      const refused =
        ctx.role === "observer"
          ? forbidden("Observers do not take positions.")
          : !openForPositions(ctx.status)
            ? new DomainError("conflict", "This measure is not open for positions: it is not under discussion or in decision.")
            : forumState === "closed"
              ? new DomainError("conflict", "This forum is closed: it is read-only until the chair reopens it.")
              : null;
      if (refused) return (outcomes[i] = { ok: false, error: refused });
      const key = `${request.measureId}:${ctx.memberId}`;
      if (keys.has(key)) return (outcomes[i] = "again");
      keys.add(key);
      writers.push({ i, ctx });
    });
    if (writers.length === 0) return { events: [] };

    // 3. The positions. A retry of the write that is already stored matches no row to update
    // (same clientId) and returns nothing: it must not count again.
    const updatedAt = new Date();
    const rows = writers.map(({ i, ctx }) => ({
      measure_id: requests[i]!.measureId,
      member_id: ctx.memberId,
      stance: requests[i]!.data.stance,
      rationale: requests[i]!.data.rationale,
      camp: ctx.camp,
      stakeholder_group: ctx.stakeholderGroup,
      client_id: requests[i]!.data.clientId,
    }));
    const written = await rowsOf<{ key: string }>(
      tx,
      sql`insert into positions (measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, updated_at)
          select measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, ${updatedAt.toISOString()}::timestamptz
          from json_to_recordset(${JSON.stringify(rows)}::json) as r(measure_id uuid, member_id uuid, stance stance,
               rationale text, camp camp, stakeholder_group stakeholder_group, client_id uuid)
          on conflict (measure_id, member_id) do update set stance = excluded.stance, rationale = excluded.rationale,
               camp = excluded.camp, stakeholder_group = excluded.stakeholder_group, client_id = excluded.client_id,
               updated_at = excluded.updated_at
          where positions.client_id <> excluded.client_id
          returning measure_id || ':' || member_id as key`,
    );
    const writtenKeys = new Set(written.map((w) => w.key));
    const changed = writers.filter(({ i, ctx }) => writtenKeys.has(`${requests[i]!.measureId}:${ctx.memberId}`));
    const repeats = writers.filter((w) => !changed.includes(w));

    // 4. Sequence numbers, audit entries and tallies, in one statement.
    const { seqs, tallies } = await recordPositions(
      tx,
      changed.map(({ i, ctx }) => ({
        forumId: ctx.forumId,
        memberId: ctx.memberId,
        measureId: requests[i]!.measureId,
        action: ctx.previousStance ? ("position.changed" as const) : ("position.taken" as const),
        before: ctx.previousStance ? { stance: ctx.previousStance, camp: ctx.previousCamp } : null,
        after: { stance: requests[i]!.data.stance, camp: ctx.camp, rationale: requests[i]!.data.rationale },
      })),
      writers.map(({ i }) => requests[i]!.measureId),
    );
    // Repeats answer with the position as stored.
    const stored = repeats.length > 0 ? await storedPositions(tx, repeats.map(({ i, ctx }) => [requests[i]!.measureId, ctx.memberId])) : new Map<string, Position>();
    for (const { i, ctx } of repeats) {
      const key = `${requests[i]!.measureId}:${ctx.memberId}`;
      outcomes[i] = { ok: true, value: { position: toPositionView(stored.get(key)!, ctx.delegation), tally: tallies.get(requests[i]!.measureId)! } };
    }

    // The changed positions take their forum's new seqs in the order they arrived; one event
    // per forum covers them all.
    const byForum = new Map<string, { i: number; view: PositionView; measureId: string }[]>();
    for (const { i, ctx } of changed) {
      const { stance, rationale } = requests[i]!.data;
      const view: PositionView = {
        memberId: ctx.memberId,
        stance,
        rationale,
        camp: ctx.camp,
        stakeholderGroup: ctx.stakeholderGroup,
        updatedAt: updatedAt.toISOString(),
        delegation: ctx.delegation,
      };
      outcomes[i] = { ok: true, value: { position: view, tally: tallies.get(requests[i]!.measureId)! } };
      byForum.set(ctx.forumId, [...(byForum.get(ctx.forumId) ?? []), { i, view, measureId: requests[i]!.measureId }]);
    }
    const events = [...byForum].map(([forumId, list]) => {
      const seq = seqs.get(forumId)!;
      const changes = new Map<string, PositionChange>();
      for (const { measureId, view } of list) {
        const change = changes.get(measureId) ?? { measureId, tally: tallies.get(measureId)!, positions: [] };
        change.positions.push(view);
        changes.set(measureId, change);
      }
      return { type: "positions:changed" as const, forumId, firstSeq: seq - list.length + 1, seq, changes: [...changes.values()] };
    });
    return { events };
  });
  events.forEach(publish);
  return outcomes;
}

async function readContexts(tx: Tx, requests: Request[]): Promise<Map<number, Context>> {
  const rows = await rowsOf<Context>(
    tx,
    sql`
    select r.i, m.forum_id as "forumId", m.status,
           exists (select 1 from measure_authors a where a.measure_id = m.id and a.member_id = mb.id) as "isAuthor",
           mb.id as "memberId", mb.role, mb.camp, mb.stakeholder_group as "stakeholderGroup", mb.delegation,
           p.stance as "previousStance", p.camp as "previousCamp"
    from unnest(${pgArray(requests.map((r) => r.userId))}::uuid[], ${pgArray(requests.map((r) => r.measureId))}::uuid[])
         with ordinality as r(user_id, measure_id, i)
    join measures m on m.id = r.measure_id
    join members mb on mb.forum_id = m.forum_id and mb.user_id = r.user_id and mb.removed_at is null
    left join positions p on p.measure_id = m.id and p.member_id = mb.id`,
  );
  // ordinality counts from 1.
  return new Map(rows.map((row) => [Number(row.i) - 1, row]));
}

async function storedPositions(tx: Tx, pairs: [measureId: string, memberId: string][]): Promise<Map<string, Position>> {
  const rows = await tx
    .select()
    .from(positions)
    .where(sql`(${positions.measureId}, ${positions.memberId}) in (${sql.join(pairs.map(([a, b]) => sql`(${a}::uuid, ${b}::uuid)`), sql`, `)})`);
  return new Map(rows.map((p) => [`${p.measureId}:${p.memberId}`, p]));
}

/**
 * What lib/sequence.ts `bumpSeq`, lib/audit.ts `audit` and lib/measures.ts `tallyOf` do, for a
 * whole batch in one statement. Each forum's seq moves on by its number of changed positions;
 * the tallies are counted after the upsert, under the forums' locks, so they include this batch
 * and every write committed before it: the event with the highest seq carries the current tally.
 */
async function recordPositions(
  tx: Tx,
  entries: { forumId: string; memberId: string; measureId: string; action: "position.taken" | "position.changed"; before: unknown; after: unknown }[],
  measureIds: string[],
): Promise<{ seqs: Map<string, number>; tallies: Map<string, Tally> }> {
  const perForum = new Map<string, number>();
  for (const e of entries) perForum.set(e.forumId, (perForum.get(e.forumId) ?? 0) + 1);
  const counted = sql`(
    select coalesce(json_agg(t), '[]'::json) from (
      select measure_id as "measureId", camp, stakeholder_group as "stakeholderGroup", stance, count(*)::int as count
      from positions where measure_id = any(${pgArray([...new Set(measureIds)])}::uuid[])
      group by measure_id, camp, stakeholder_group, stance) t)`;
  const audited = entries.map((e) => ({
    forum_id: e.forumId,
    actor_member_id: e.memberId,
    action: e.action,
    measure_id: e.measureId,
    before: e.before,
    after: e.after,
  }));
  const statement =
    entries.length === 0
      ? sql`select '[]'::json as seqs, ${counted} as tallies`
      : sql`
    with next_seq as (
      update forums f set seq = f.seq + v.n
      from unnest(${pgArray([...perForum.keys()])}::uuid[], ${pgArray([...perForum.values()])}::int[]) as v(id, n)
      where f.id = v.id
      returning f.id, f.seq
    ), logged as (
      insert into audit_events (forum_id, actor_member_id, action, measure_id, before, after)
      select forum_id, actor_member_id, action, measure_id, before, after
      from json_to_recordset(${JSON.stringify(audited)}::json)
           as e(forum_id uuid, actor_member_id uuid, action text, measure_id uuid, before jsonb, after jsonb)
    )
    select (select json_agg(json_build_object('id', id, 'seq', seq)) from next_seq) as seqs, ${counted} as tallies`;
  const [row] = await rowsOf<{ seqs: Json<{ id: string; seq: number | string }[]>; tallies: Json<(TallyRow & { measureId: string })[]> }>(
    tx,
    statement,
  );
  const seqs = new Map(parsed(row!.seqs).map((s) => [s.id, Number(s.seq)]));
  const counts = new Map<string, TallyRow[]>(measureIds.map((id) => [id, []]));
  for (const t of parsed(row!.tallies)) counts.get(t.measureId)!.push(t);
  return { seqs, tallies: new Map([...counts].map(([id, list]) => [id, tallyFrom(list)])) };
}

/** A PostgreSQL array literal of ids or numbers (never text: nothing here needs quoting). */
const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/** The rows of a raw statement (PGlite and node-postgres both answer `{ rows }`). */
async function rowsOf<T>(tx: Tx, statement: SQL): Promise<T[]> {
  return ((await tx.execute(statement)) as unknown as { rows: T[] }).rows;
}

// json arrives parsed or as text, by driver.
type Json<T> = T | string;
const parsed = <T>(value: Json<T>): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
