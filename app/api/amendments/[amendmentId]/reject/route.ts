import { rejectAmendmentInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { rejectAmendment } from "@/lib/text/amendments";

export const POST = route({ ids: { amendmentId: "Amendment" }, body: rejectAmendmentInput }, async ({ user, ids, body }) => {
  await rejectAmendment(user.id, ids.amendmentId, body);
  return { ok: true };
});
