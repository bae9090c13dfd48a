import { route } from "@/lib/http/route";
import { issueRevision } from "@/lib/text/revisions";

export const POST = route({ ids: { measureId: "Measure" }, status: 201 }, ({ user, ids }) => issueRevision(user.id, ids.measureId));
