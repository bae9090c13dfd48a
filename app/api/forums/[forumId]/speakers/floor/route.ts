import { giveFloorInput } from "@/lib/core/validation";
import { endTurn, giveFloor } from "@/lib/forum/speakers";
import { route } from "@/lib/http/route";

const ids = { forumId: "Forum" };

export const POST = route({ ids, body: giveFloorInput }, ({ user, ids, body }) => giveFloor(user.id, ids.forumId, body));

export const DELETE = route({ ids }, ({ user, ids }) => endTurn(user.id, ids.forumId));
