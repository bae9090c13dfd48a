import { authed, readJson } from "@/lib/http";
import { getSpeakers, requestFloor, requestFloorInput } from "@/lib/speakers";

type P = { forumId: string };

export const GET = authed<P>(async ({ user, params }) => getSpeakers(user.id, params.forumId));

export const POST = authed<P>(
  async ({ req, user, params }) => requestFloor(user.id, params.forumId, requestFloorInput.parse(await readJson(req))),
  201,
);
