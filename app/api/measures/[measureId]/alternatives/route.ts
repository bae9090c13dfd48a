import { authed, readJson } from "@/lib/http";
import { proposeAlternative } from "@/lib/texts";
import { proposeAlternativeInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => proposeAlternative(user.id, params.measureId, proposeAlternativeInput.parse(await readJson(req))),
  201,
);
