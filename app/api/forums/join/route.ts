import { joinForumInput } from "@/lib/core/validation";
import { joinForum } from "@/lib/forum/forums";
import { route } from "@/lib/http/route";

export const POST = route({ body: joinForumInput, status: 201 }, ({ user, body }) => joinForum(user.id, body));
