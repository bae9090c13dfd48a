import { addCommentInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { addComment } from "@/lib/measure/comments";

export const POST = route({ ids: { measureId: "Measure" }, body: addCommentInput, status: 201 }, ({ user, ids, body }) =>
  addComment(user.id, ids.measureId, body),
);
