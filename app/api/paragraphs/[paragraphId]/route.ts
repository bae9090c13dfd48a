import { editParagraphInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { editParagraph } from "@/lib/text/paragraphs";

export const PUT = route({ ids: { paragraphId: "Paragraph" }, body: editParagraphInput }, async ({ user, ids, body }) => {
  await editParagraph(user.id, ids.paragraphId, body);
  return { ok: true };
});
