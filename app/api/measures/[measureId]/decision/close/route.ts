import { closeDecision } from "@/lib/decisions";
import { authed } from "@/lib/http";

export const POST = authed<{ measureId: string }>(async ({ user, params }) => closeDecision(user.id, params.measureId));
