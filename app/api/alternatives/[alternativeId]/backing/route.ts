import { authed } from "@/lib/http";
import { setBacking } from "@/lib/texts";

type P = { alternativeId: string };

export const PUT = authed<P>(async ({ user, params }) => setBacking(user.id, params.alternativeId, true), 204);

export const DELETE = authed<P>(async ({ user, params }) => setBacking(user.id, params.alternativeId, false), 204);
