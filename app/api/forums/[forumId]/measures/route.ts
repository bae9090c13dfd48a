import { measureListQuery, proposeMeasureInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { proposeMeasure } from "@/lib/measure/commands";
import { listMeasures } from "@/lib/measure/queries";

const ids = { forumId: "Forum" };

export const GET = route({ ids, query: measureListQuery }, async ({ user, ids, query }) => ({
  measures: await listMeasures(user.id, ids.forumId, query.view),
}));

export const POST = route({ ids, body: proposeMeasureInput, status: 201 }, ({ user, ids, body }) => proposeMeasure(user.id, ids.forumId, body));
