import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { forums, measureAuthors, measures, members, positions } from "@/db/schema";
import type { AuditAction } from "./audit";
import { DomainError, forbidden, notFound } from "./errors";
import type { ForumEvent } from "./events";
import { tallyOf, toPositionView } from "./measures";
import { openForPositions } from "./lifecycle";
import { publish } from "./realtime";
import { tallyFrom, type Tally, type TallyRow } from "./tallies";
import { takePositionInput, uuidParam } from "./validation";
import type { PositionView } from "./views";

/**
 * A delegate (or chair) takes or changes their position on a measure. One position per member
 * per measure (upsert); the member's current camp and group are snapshotted on it. A request
 * repeated with the same clientId changes nothing and publishes nothing.
 *
 * This is the busiest write of a forum in session, so it makes four statements between BEGIN and
 * COMMIT (bench/README.md has the figures): lock, read, upsert, then sequence + audit + tally.
 */
export async function takePosition(
  userId: string,
  measureId: string,
  input: z.input<typeof takePositionInput>,
): Promise<{ position: PositionView; tally: Tally }> {
  const data = takePositionInput.parse(input);
  if (!uuidParam.safeParse(measureId).success) throw notFound("Measure");
  const { result, event } = await getDb().transaction(async (tx) => {
    // 1. The forum's row lock first: everything read after it (the measure's status, the previous
    // position, the tally) stays as read until this write commits, because every other write to
    // the forum (a decision closing, a member removed) takes the same lock.
    const [forum] = await tx
      .select({ id: forums.id, status: forums.status })
      .from(forums)
      .where(eq(forums.id, sql`(select ${measures.forumId} from ${measures} where ${measures.id} = ${measureId})`))
      .for("update");
    if (!forum) throw notFound("Measure");
    // 2. The measure, the caller's membership, authorship (for drafts) and their previous position.
    const [ctx] = await tx
      .select({
        status: measures.status,
        member: members,
        isAuthor: sql<boolean>`exists (select 1 from ${measureAuthors} where ${measureAuthors.measureId} = ${measures.id} and ${measureAuthors.memberId} = ${members.id})`,
        previous: { stance: positions.stance, camp: positions.camp },
      })
      .from(measures)
      .innerJoin(members, and(eq(members.forumId, measures.forumId), eq(members.userId, userId), isNull(members.removedAt)))
      .leftJoin(positions, and(eq(positions.measureId, measures.id), eq(positions.memberId, members.id)))
      .where(eq(measures.id, measureId));
    // Outsiders, and members looking for someone else's draft, learn nothing about it.
    if (!ctx || (ctx.status === "draft" && !ctx.isAuthor)) throw notFound("Measure");
    const { member } = ctx;
    if (member.role === "observer") throw forbidden("Observers do not take positions.");
    if (!openForPositions(ctx.status)) {
      throw new DomainError("conflict", "This measure is not open for positions: it is not under discussion or in decision.");
    }
    if (forum.status === "closed") {
      throw new DomainError("conflict", "This forum is closed: it is read-only until the chair reopens it.");
    }
    // 3. The position itself.
    const values = {
      stance: data.stance,
      rationale: data.rationale,
      camp: member.camp,
      stakeholderGroup: member.stakeholderGroup,
      clientId: data.clientId,
      updatedAt: new Date(),
    };
    const [written] = await tx
      .insert(positions)
      .values({ measureId, memberId: member.id, ...values })
      .onConflictDoUpdate({
        target: [positions.measureId, positions.memberId],
        set: values,
        // A retry of the write that is already stored must not count again.
        setWhere: ne(positions.clientId, sql`excluded.client_id`),
      })
      .returning();
    if (!written) {
      const tally = await tallyOf(tx, measureId);
      const [stored] = await tx
        .select()
        .from(positions)
        .where(and(eq(positions.measureId, measureId), eq(positions.memberId, member.id)));
      return { result: { position: toPositionView(stored!, member.delegation), tally }, event: null };
    }
    // 4. The forum's next sequence number, the audit entry and the tally.
    const { seq, tally } = await recordPosition(tx, {
      forumId: forum.id,
      memberId: member.id,
      measureId,
      action: ctx.previous ? "position.changed" : "position.taken",
      before: ctx.previous,
      after: { stance: data.stance, camp: member.camp, rationale: data.rationale },
    });
    const position = toPositionView(written, member.delegation);
    const event: ForumEvent = { type: "position:changed", forumId: forum.id, seq, measureId, tally, position };
    return { result: { position, tally }, event };
  });
  if (event) publish(event);
  return result;
}

/**
 * What lib/sequence.ts `bumpSeq`, lib/audit.ts `audit` and lib/measures.ts `tallyOf` do, in one
 * statement (one round trip instead of three). The tally is counted in the statement after the
 * upsert, under the forum's lock, so it includes this position and every one committed before it:
 * the event with the highest seq always carries the current tally.
 */
async function recordPosition(
  tx: Tx,
  entry: { forumId: string; memberId: string; measureId: string; action: AuditAction; before: unknown; after: unknown },
): Promise<{ seq: number; tally: Tally }> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const { rows } = (await tx.execute(sql`
    with next_seq as (
      update forums set seq = seq + 1 where id = ${entry.forumId} returning seq
    ), logged as (
      insert into audit_events (forum_id, actor_member_id, action, measure_id, before, after)
      values (${entry.forumId}, ${entry.memberId}, ${entry.action}, ${entry.measureId},
              ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb)
    )
    select (select seq from next_seq) as seq,
           (select coalesce(json_agg(t), '[]'::json) from (
              select camp, stakeholder_group as "stakeholderGroup", stance, count(*)::int as count
              from positions where measure_id = ${entry.measureId}
              group by camp, stakeholder_group, stance) t) as tally`)) as unknown as {
    rows: { seq: number | string; tally: TallyRow[] | string }[];
  };
  const row = rows[0]!;
  // node-postgres returns bigint as a string; json may arrive parsed or as text, by driver.
  const tallyRows = typeof row.tally === "string" ? (JSON.parse(row.tally) as TallyRow[]) : row.tally;
  return { seq: Number(row.seq), tally: tallyFrom(tallyRows) };
}
