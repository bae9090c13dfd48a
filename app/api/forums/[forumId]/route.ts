import { getForumPage, updateForum } from "@/lib/forums";
import { authed, readJson } from "@/lib/http";
import { updateForumInput } from "@/lib/validation";

type P = { forumId: string };

export const GET = authed<P>(async ({ user, params }) => getForumPage(user.id, params.forumId));

export const PATCH = authed<P>(async ({ req, user, params }) =>
  updateForum(user.id, params.forumId, updateForumInput.parse(await readJson(req))),
);
