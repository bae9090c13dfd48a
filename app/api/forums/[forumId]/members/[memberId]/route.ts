import { changeRoleInput } from "@/lib/core/validation";
import { changeRole, removeMember } from "@/lib/forum/members";
import { route } from "@/lib/http/route";

const ids = { forumId: "Forum", memberId: "Member" };

export const PATCH = route({ ids, body: changeRoleInput }, ({ user, ids, body }) => changeRole(user.id, ids.forumId, ids.memberId, body));

export const DELETE = route({ ids, status: 204 }, ({ user, ids }) => removeMember(user.id, ids.forumId, ids.memberId));
