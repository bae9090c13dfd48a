import { getForumPage } from "@/lib/forums";
import { authed } from "@/lib/http";

export const GET = authed<{ forumId: string }>(async ({ user, params }) => getForumPage(user.id, params.forumId));
