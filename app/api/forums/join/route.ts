import { joinForum } from "@/lib/forums";
import { authed, readJson } from "@/lib/http";
import { joinForumInput } from "@/lib/validation";

export const POST = authed(async ({ req, user }) => joinForum(user.id, joinForumInput.parse(await readJson(req))), 201);
