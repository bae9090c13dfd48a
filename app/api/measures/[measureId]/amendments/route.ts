import { proposeAmendmentInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { proposeAmendment } from "@/lib/text/amendments";

export const POST = route({ ids: { measureId: "Measure" }, body: proposeAmendmentInput, status: 201 }, ({ user, ids, body }) =>
  proposeAmendment(user.id, ids.measureId, body),
);
