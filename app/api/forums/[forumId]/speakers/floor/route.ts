import { authed, readJson } from "@/lib/http";
import { endTurn, giveFloor, giveFloorInput } from "@/lib/speakers";

type P = { forumId: string };

export const POST = authed<P>(async ({ req, user, params }) =>
  giveFloor(user.id, params.forumId, giveFloorInput.parse(await readJson(req))),
);

export const DELETE = authed<P>(async ({ user, params }) => endTurn(user.id, params.forumId));
