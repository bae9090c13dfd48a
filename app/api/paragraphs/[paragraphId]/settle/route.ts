import { authed, readJson } from "@/lib/http";
import { settleParagraph } from "@/lib/texts";
import { settleParagraphInput } from "@/lib/validation";

export const POST = authed<{ paragraphId: string }>(async ({ req, user, params }) => {
  await settleParagraph(user.id, params.paragraphId, settleParagraphInput.parse(await readJson(req)));
  return { ok: true };
});
