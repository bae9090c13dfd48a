import { authed } from "@/lib/http";
import { getPresence } from "@/lib/presence";
import { getIo } from "@/lib/realtime";

type P = { forumId: string };

export const GET = authed<P>(async ({ user, params }) => getPresence(user.id, params.forumId, getIo()));
