import { authed, readJson } from "@/lib/http";
import { proposeMeasure } from "@/lib/measures";
import { proposeMeasureInput } from "@/lib/validation";

export const POST = authed<{ forumId: string }>(
  async ({ req, user, params }) => proposeMeasure(user.id, params.forumId, proposeMeasureInput.parse(await readJson(req))),
  201,
);
