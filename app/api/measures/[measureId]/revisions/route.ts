import { authed } from "@/lib/http";
import { issueRevision } from "@/lib/texts";

export const POST = authed<{ measureId: string }>(async ({ user, params }) => issueRevision(user.id, params.measureId), 201);
