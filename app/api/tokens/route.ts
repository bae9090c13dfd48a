import { createToken, listTokens } from "@/lib/auth/api-tokens";
import { createTokenInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ user }) => ({ tokens: await listTokens(user.id) }));

export const POST = route({ body: createTokenInput, status: 201 }, ({ user, body }) => createToken(user.id, body));
