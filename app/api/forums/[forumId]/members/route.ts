import { getDb } from "@/db/client";
import { authed } from "@/lib/http";
import { listMembers, requireMember } from "@/lib/members";

export const GET = authed<{ forumId: string }>(async ({ user, params }) => {
  await requireMember(getDb(), params.forumId, user.id);
  return { members: await listMembers(getDb(), params.forumId) };
});
