import { membershipProfile } from "@/lib/core/validation";
import { updateProfile } from "@/lib/forum/members";
import { route } from "@/lib/http/route";

export const PUT = route({ ids: { forumId: "Forum" }, body: membershipProfile }, ({ user, ids, body }) => updateProfile(user.id, ids.forumId, body));
