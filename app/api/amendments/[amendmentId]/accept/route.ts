import { route } from "@/lib/http/route";
import { acceptAmendment } from "@/lib/text/amendments";

export const POST = route({ ids: { amendmentId: "Amendment" } }, async ({ user, ids }) => {
  await acceptAmendment(user.id, ids.amendmentId);
  return { ok: true };
});
