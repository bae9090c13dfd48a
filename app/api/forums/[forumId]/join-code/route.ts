import { regenerateJoinCode } from "@/lib/forums";
import { authed } from "@/lib/http";

export const POST = authed<{ forumId: string }>(async ({ user, params }) => regenerateJoinCode(user.id, params.forumId));
