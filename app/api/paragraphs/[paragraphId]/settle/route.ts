import { settleParagraphInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { settleParagraph } from "@/lib/text/paragraphs";

export const POST = route({ ids: { paragraphId: "Paragraph" }, body: settleParagraphInput }, async ({ user, ids, body }) => {
  await settleParagraph(user.id, ids.paragraphId, body);
  return { ok: true };
});
