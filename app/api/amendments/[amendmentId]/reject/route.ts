import { authed, readJson } from "@/lib/http";
import { rejectAmendment } from "@/lib/texts";
import { rejectAmendmentInput } from "@/lib/validation";

export const POST = authed<{ amendmentId: string }>(async ({ req, user, params }) => {
  await rejectAmendment(user.id, params.amendmentId, rejectAmendmentInput.parse(await readJson(req)));
  return { ok: true };
});
