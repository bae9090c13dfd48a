import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { measures, positions } from "@/db/schema";
import { audit } from "./audit";
import { DomainError, forbidden } from "./errors";
import type { ForumEvent } from "./events";
import { requireMeasure, tallyOf, toPositionView } from "./measures";
import { requireOpenForum } from "./forum-state";
import { openForPositions } from "./lifecycle";
import { publish } from "./realtime";
import { bumpSeq, lockForum } from "./sequence";
import type { Tally } from "./tallies";
import { takePositionInput } from "./validation";
import type { PositionView } from "./views";

/**
 * A delegate (or chair) takes or changes their position on a measure. One position per member
 * per measure (upsert); the member's current camp and group are snapshotted on it. A request
 * repeated with the same clientId changes nothing and publishes nothing.
 */
export async function takePosition(
  userId: string,
  measureId: string,
  input: z.input<typeof takePositionInput>,
): Promise<{ position: PositionView; tally: Tally }> {
  const data = takePositionInput.parse(input);
  const { result, event } = await getDb().transaction(async (tx) => {
    const { measure: read, member } = await requireMeasure(tx, measureId, userId);
    if (member.role === "observer") throw forbidden("Observers do not take positions.");
    // After the lock, the measure's status is the one every later write will see too: a decision
    // cannot close between this check and the insert.
    await lockForum(tx, read.forumId);
    const [measure] = await tx.select().from(measures).where(eq(measures.id, measureId));
    if (!measure || !openForPositions(measure.status)) {
      throw new DomainError("conflict", "This measure is not open for positions: it is not under discussion or in decision.");
    }
    await requireOpenForum(tx, measure.forumId);
    const [previous] = await tx
      .select({ stance: positions.stance, camp: positions.camp })
      .from(positions)
      .where(and(eq(positions.measureId, measureId), eq(positions.memberId, member.id)));
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
    const position = toPositionView(written, member.delegation);
    await audit(tx, {
      forumId: measure.forumId,
      actor: member,
      action: previous ? "position.changed" : "position.taken",
      measureId,
      before: previous ?? null,
      after: { stance: data.stance, camp: member.camp, rationale: data.rationale },
    });
    const seq = await bumpSeq(tx, measure.forumId);
    // Counted after bumpSeq: its lock on the forum's row orders this write after every earlier
    // one, and each statement sees what committed before it, so the tally matches the seq.
    const tally = await tallyOf(tx, measureId);
    const event: ForumEvent = {
      type: "position:changed",
      forumId: measure.forumId,
      seq,
      measureId,
      tally,
      position,
    };
    return { result: { position, tally }, event };
  });
  if (event) publish(event);
  return result;
}
