import { authed, readJson } from "@/lib/http";
import { chooseAlternative } from "@/lib/texts";
import { chooseAlternativeInput } from "@/lib/validation";

export const POST = authed<{ alternativeId: string }>(async ({ req, user, params }) => {
  await chooseAlternative(user.id, params.alternativeId, chooseAlternativeInput.parse(await readJson(req)));
  return { ok: true };
});
