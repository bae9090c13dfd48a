import { objectionInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { objectToSilence } from "@/lib/measure/decisions";

export const POST = route({ ids: { measureId: "Measure" }, body: objectionInput, status: 201 }, ({ user, ids, body }) =>
  objectToSilence(user.id, ids.measureId, body),
);
