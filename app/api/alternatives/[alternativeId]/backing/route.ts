import { route } from "@/lib/http/route";
import { setBacking } from "@/lib/text/alternatives";

const ids = { alternativeId: "Alternative" };

export const PUT = route({ ids, status: 204 }, ({ user, ids }) => setBacking(user.id, ids.alternativeId, true));

export const DELETE = route({ ids, status: 204 }, ({ user, ids }) => setBacking(user.id, ids.alternativeId, false));
