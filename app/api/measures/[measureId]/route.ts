import { authed } from "@/lib/http";
import { getMeasurePage } from "@/lib/measures";

export const GET = authed<{ measureId: string }>(async ({ user, params }) => getMeasurePage(user.id, params.measureId));
