import "server-only";
// Amendments: a delegation proposes to replace the whole text; the measure's authors or the chair
// accept it (its text becomes the next revision) or reject it with a reason.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { amendments, members } from "@/db/schema";
import { moversFor } from "@/lib/access/measure";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import type { proposeAmendmentInput, rejectAmendmentInput } from "@/lib/core/validation";
import { transact } from "@/lib/live/transact";
import { loadForWrite, record, replaceText, requireEditable, textChanged } from "./store";

/** Any delegate proposes to replace the whole text. */
export async function proposeAmendment(userId: string, measureId: string, data: z.output<typeof proposeAmendmentInput>) {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await loadForWrite(tx, measureId, userId);
    if (member.role === "observer") throw forbidden("Observers do not propose amendments.");
    requireEditable(measure);
    const [a] = await tx.insert(amendments).values({ measureId, text: data.text, rationale: data.rationale, proposedBy: member.id }).returning();
    await record(tx, measure, member, "amendment.proposed", null, { amendmentId: a!.id, rationale: data.rationale });
    announce(await textChanged(tx, measure));
    return { id: a!.id };
  });
}

async function requireOpenAmendment(tx: Tx, amendmentId: string, userId: string) {
  const [a] = await tx.select().from(amendments).where(eq(amendments.id, amendmentId));
  if (!a) throw notFound("Amendment");
  const ctx = await loadForWrite(tx, a.measureId, userId);
  const movers = await moversFor(tx, ctx.measure, ctx.member);
  if (!movers.includes("author") && !movers.includes("chair")) throw forbidden("Only the measure's authors or the chair decide on amendments.");
  if (a.status !== "open") throw conflict("This amendment has already been decided.");
  return { amendment: a, ...ctx };
}

/** The authors or the chair accept an amendment: its text becomes the next revision. */
export async function acceptAmendment(userId: string, amendmentId: string) {
  await transact({ amendmentId }, async (tx, announce) => {
    const { amendment, measure, member } = await requireOpenAmendment(tx, amendmentId, userId);
    requireEditable(measure);
    const [proposer] = await tx.select({ delegation: members.delegation }).from(members).where(eq(members.id, amendment.proposedBy));
    const revision = await replaceText(tx, measure, member, amendment.text, `Amendment by ${proposer?.delegation} accepted`);
    await tx.update(amendments).set({ status: "accepted", decidedBy: member.id, decidedAt: new Date() }).where(eq(amendments.id, amendment.id));
    await record(tx, measure, member, "amendment.accepted", null, { amendmentId: amendment.id, revision });
    announce(await textChanged(tx, measure));
  });
}

export async function rejectAmendment(userId: string, amendmentId: string, { reason }: z.output<typeof rejectAmendmentInput>) {
  await transact({ amendmentId }, async (tx, announce) => {
    const { amendment, measure, member } = await requireOpenAmendment(tx, amendmentId, userId);
    await tx
      .update(amendments)
      .set({ status: "rejected", decidedBy: member.id, decisionReason: reason, decidedAt: new Date() })
      .where(eq(amendments.id, amendment.id));
    await record(tx, measure, member, "amendment.rejected", null, { amendmentId: amendment.id, reason });
    announce(await textChanged(tx, measure));
  });
}
