import { route } from "@/lib/http/route";
import { getPresence } from "@/lib/live/presence";
import { getIo } from "@/lib/live/realtime";

export const GET = route({ ids: { forumId: "Forum" } }, ({ user, ids }) => getPresence(user.id, ids.forumId, getIo()));
