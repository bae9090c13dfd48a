import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { comments, users } from "@/db/schema";
import { audit } from "./audit";
import { conflict } from "./errors";
import type { ForumEvent } from "./events";
import { requireOpenForum } from "./forum-state";
import { requireMeasure, toCommentView } from "./measures";
import { publish } from "./realtime";
import { bumpSeq } from "./sequence";
import { addCommentInput } from "./validation";
import type { CommentView } from "./views";

/**
 * Any member, observers included, comments on a measure. The comment carries the member's camp
 * at the time. A request repeated with the same clientId returns the stored comment.
 */
export async function addComment(
  userId: string,
  measureId: string,
  input: z.input<typeof addCommentInput>,
): Promise<CommentView> {
  const data = addCommentInput.parse(input);
  const { comment, event } = await getDb().transaction(async (tx) => {
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
      return { comment: toCommentView(stored!, member.delegation, user!.name), event: null };
    }
    const comment = toCommentView(inserted, member.delegation, user!.name);
    await audit(tx, { forumId: measure.forumId, actor: member, action: "comment.added", measureId, after: { commentId: inserted.id } });
    // Comments on a draft are for its authors only: no event, no step in the room's sequence.
    if (measure.status === "draft") return { comment, event: null };
    const seq = await bumpSeq(tx, measure.forumId);
    const event: ForumEvent = { type: "comment:added", forumId: measure.forumId, seq, measureId, comment };
    return { comment, event };
  });
  if (event) publish(event);
  return comment;
}
