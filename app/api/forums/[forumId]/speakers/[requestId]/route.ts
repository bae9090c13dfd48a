import { withdrawFloorRequest } from "@/lib/forum/speakers";
import { route } from "@/lib/http/route";

export const DELETE = route({ ids: { forumId: "Forum", requestId: "Request for the floor" } }, ({ user, ids }) =>
  withdrawFloorRequest(user.id, ids.forumId, ids.requestId),
);
