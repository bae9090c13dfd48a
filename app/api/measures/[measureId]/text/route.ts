import { authed, readJson } from "@/lib/http";
import { rewriteText } from "@/lib/texts";
import { rewriteTextInput } from "@/lib/validation";

export const PUT = authed<{ measureId: string }>(async ({ req, user, params }) => {
  await rewriteText(user.id, params.measureId, rewriteTextInput.parse(await readJson(req)));
  return { ok: true };
});
