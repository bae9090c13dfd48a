import { chooseAlternativeInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { chooseAlternative } from "@/lib/text/alternatives";

export const POST = route({ ids: { alternativeId: "Alternative" }, body: chooseAlternativeInput }, async ({ user, ids, body }) => {
  await chooseAlternative(user.id, ids.alternativeId, body);
  return { ok: true };
});
