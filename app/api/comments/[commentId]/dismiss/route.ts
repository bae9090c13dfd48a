import { dismissReportsInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { dismissReports } from "@/lib/measure/moderation";

export const POST = route({ ids: { commentId: "Comment" }, body: dismissReportsInput }, ({ user, ids, body }) =>
  dismissReports(user.id, ids.commentId, body),
);
