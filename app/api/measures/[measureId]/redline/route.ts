import { redlineQuery } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { getRedline } from "@/lib/text/revisions";

export const GET = route({ ids: { measureId: "Measure" }, query: redlineQuery }, ({ user, ids, query }) =>
  getRedline(user.id, ids.measureId, query.from, query.to),
);
