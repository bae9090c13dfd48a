import { authed, readJson } from "@/lib/http";
import { editParagraph } from "@/lib/texts";
import { editParagraphInput } from "@/lib/validation";

export const PUT = authed<{ paragraphId: string }>(async ({ req, user, params }) => {
  await editParagraph(user.id, params.paragraphId, editParagraphInput.parse(await readJson(req)));
  return { ok: true };
});
