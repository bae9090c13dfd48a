import { revisionParams } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { getRevision } from "@/lib/text/revisions";

export const GET = route({ ids: { measureId: "Measure" }, params: revisionParams }, ({ user, ids, params }) =>
  getRevision(user.id, ids.measureId, params.number),
);
