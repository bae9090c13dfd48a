import { authed, readJson } from "@/lib/http";
import { updateProfile } from "@/lib/members";
import { membershipProfile } from "@/lib/validation";

export const PUT = authed<{ forumId: string }>(async ({ req, user, params }) =>
  updateProfile(user.id, params.forumId, membershipProfile.parse(await readJson(req))),
);
