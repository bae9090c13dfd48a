import { updateForumInput } from "@/lib/core/validation";
import { getForumPage, updateForum } from "@/lib/forum/forums";
import { route } from "@/lib/http/route";

const ids = { forumId: "Forum" };

export const GET = route({ ids }, ({ user, ids }) => getForumPage(user.id, ids.forumId));

export const PATCH = route({ ids, body: updateForumInput }, ({ user, ids, body }) => updateForum(user.id, ids.forumId, body));
