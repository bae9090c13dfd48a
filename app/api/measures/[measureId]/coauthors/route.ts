import { authed, readJson } from "@/lib/http";
import { addCoauthor } from "@/lib/measures";
import { coauthorInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => {
    await addCoauthor(user.id, params.measureId, coauthorInput.parse(await readJson(req)));
    return { ok: true };
  },
  201,
);
