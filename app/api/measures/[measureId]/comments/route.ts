import { addComment } from "@/lib/comments";
import { authed, readJson } from "@/lib/http";
import { addCommentInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => addComment(user.id, params.measureId, addCommentInput.parse(await readJson(req))),
  201,
);
