import { revokeToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const DELETE = route({ ids: { tokenId: "Token" }, status: 204 }, ({ user, ids }) => revokeToken(user.id, ids.tokenId));
