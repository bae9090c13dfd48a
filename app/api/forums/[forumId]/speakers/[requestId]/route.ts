import { authed } from "@/lib/http";
import { withdrawFloorRequest } from "@/lib/speakers";

type P = { forumId: string; requestId: string };

export const DELETE = authed<P>(async ({ user, params }) => withdrawFloorRequest(user.id, params.forumId, params.requestId));
