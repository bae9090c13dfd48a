import "server-only";
// Comments on a measure: any member, observers included, may comment; each comment carries the
// member's camp and stakeholder group as they were when it was written.
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { comments, users } from "@/db/schema";
import { requireOpenForum } from "@/lib/access/forum";
import { requireMeasure } from "@/lib/access/measure";
import { audit } from "@/lib/audit/log";
import { conflict } from "@/lib/core/errors";
import type { addCommentInput } from "@/lib/core/validation";
import type { CommentView } from "@/lib/core/views";
import { bumpSeq } from "@/lib/live/sequence";
import { transact } from "@/lib/live/transact";
import { toCommentView } from "./queries";

/** A member comments on a measure. A request repeated with the same clientId returns the stored comment. */
export async function addComment(userId: string, measureId: string, data: z.output<typeof addCommentInput>): Promise<CommentView> {
  return transact({ measureId }, async (tx, announce) => {
    const { measure, member } = await requireMeasure(tx, measureId, userId);
    await requireOpenForum(tx, measure.forumId);
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    const [inserted] = await tx
      .insert(comments)
      .values({
        measureId,
        memberId: member.id,
        body: data.body,
        camp: member.camp,
        stakeholderGroup: member.stakeholderGroup,
        clientId: data.clientId,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [stored] = await tx
        .select()
        .from(comments)
        .where(and(eq(comments.memberId, member.id), eq(comments.clientId, data.clientId)));
      if (stored!.measureId !== measureId) {
        throw conflict("This clientId was already used for a comment on another measure: send a new one.");
      }
      return toCommentView(stored!, member.delegation, user!.name);
    }
    const comment = toCommentView(inserted, member.delegation, user!.name);
    await audit(tx, { forumId: measure.forumId, actor: member, action: "comment.added", measureId, after: { commentId: inserted.id } });
    // Comments on a draft are for its authors only: no event, no step in the room's sequence.
    if (measure.status !== "draft") {
      announce({ type: "comment:added", forumId: measure.forumId, seq: await bumpSeq(tx, measure.forumId), measureId, comment });
    }
    return comment;
  });
}
