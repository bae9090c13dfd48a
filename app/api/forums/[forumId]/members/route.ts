import { getMembers } from "@/lib/forum/members";
import { route } from "@/lib/http/route";

export const GET = route({ ids: { forumId: "Forum" } }, async ({ user, ids }) => ({ members: await getMembers(user.id, ids.forumId) }));
