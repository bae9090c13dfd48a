import { reportCommentInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { reportComment } from "@/lib/measure/moderation";

export const POST = route({ ids: { commentId: "Comment" }, body: reportCommentInput, status: 201 }, ({ user, ids, body }) =>
  reportComment(user.id, ids.commentId, body),
);
