import { createForumInput } from "@/lib/core/validation";
import { createForum, listForumsOf } from "@/lib/forum/forums";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ user }) => ({ forums: await listForumsOf(user.id) }));

export const POST = route({ body: createForumInput, status: 201 }, ({ user, body }) => createForum(user.id, body));
