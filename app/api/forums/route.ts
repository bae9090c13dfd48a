import { createForum, listForumsOf } from "@/lib/forums";
import { authed, readJson } from "@/lib/http";
import { createForumInput } from "@/lib/validation";

export const GET = authed(async ({ user }) => ({ forums: await listForumsOf(user.id) }));

export const POST = authed(async ({ req, user }) => createForum(user.id, createForumInput.parse(await readJson(req))), 201);
