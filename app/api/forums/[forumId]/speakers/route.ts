import { requestFloorInput } from "@/lib/core/validation";
import { getSpeakers, requestFloor } from "@/lib/forum/speakers";
import { route } from "@/lib/http/route";

const ids = { forumId: "Forum" };

export const GET = route({ ids }, ({ user, ids }) => getSpeakers(user.id, ids.forumId));

export const POST = route({ ids, body: requestFloorInput, status: 201 }, ({ user, ids, body }) => requestFloor(user.id, ids.forumId, body));
