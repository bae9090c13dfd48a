import { authed } from "@/lib/http";
import { getMeasureTally } from "@/lib/decisions";

export const GET = authed<{ measureId: string }>(async ({ user, params }) => getMeasureTally(user.id, params.measureId));
