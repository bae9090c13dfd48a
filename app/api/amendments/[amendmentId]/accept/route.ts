import { authed } from "@/lib/http";
import { acceptAmendment } from "@/lib/texts";

export const POST = authed<{ amendmentId: string }>(async ({ user, params }) => {
  await acceptAmendment(user.id, params.amendmentId);
  return { ok: true };
});
