import { hideCommentInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { hideComment } from "@/lib/measure/moderation";

export const POST = route({ ids: { commentId: "Comment" }, body: hideCommentInput }, ({ user, ids, body }) => hideComment(user.id, ids.commentId, body));
