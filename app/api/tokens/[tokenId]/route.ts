import { revokeToken } from "@/lib/api-tokens";
import { authed } from "@/lib/http";

export const DELETE = authed<{ tokenId: string }>(async ({ user, params }) => revokeToken(user.id, params.tokenId), 204);
