import { regenerateJoinCode } from "@/lib/forum/forums";
import { route } from "@/lib/http/route";

export const POST = route({ ids: { forumId: "Forum" } }, ({ user, ids }) => regenerateJoinCode(user.id, ids.forumId));
