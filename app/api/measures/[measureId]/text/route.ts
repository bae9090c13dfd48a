import { rewriteTextInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { rewriteText } from "@/lib/text/revisions";

export const PUT = route({ ids: { measureId: "Measure" }, body: rewriteTextInput }, async ({ user, ids, body }) => {
  await rewriteText(user.id, ids.measureId, body);
  return { ok: true };
});
