import { createToken, listTokens } from "@/lib/api-tokens";
import { authed, readJson } from "@/lib/http";
import { createTokenInput } from "@/lib/validation";

export const GET = authed(async ({ user }) => ({ tokens: await listTokens(user.id) }));

export const POST = authed(async ({ req, user }) => createToken(user.id, createTokenInput.parse(await readJson(req))), 201);
