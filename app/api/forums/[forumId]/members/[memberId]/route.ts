import { authed, readJson } from "@/lib/http";
import { changeRole, removeMember } from "@/lib/members";
import { changeRoleInput } from "@/lib/validation";

type P = { forumId: string; memberId: string };

export const PATCH = authed<P>(async ({ req, user, params }) =>
  changeRole(user.id, params.forumId, params.memberId, changeRoleInput.parse(await readJson(req))),
);

export const DELETE = authed<P>(async ({ user, params }) => removeMember(user.id, params.forumId, params.memberId), 204);
