import { route } from "@/lib/http/route";
import { getModerationQueue } from "@/lib/measure/moderation-views";

export const GET = route({ ids: { forumId: "Forum" } }, ({ user, ids }) => getModerationQueue(user.id, ids.forumId));
