import { changeStatusInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { changeStatus } from "@/lib/measure/commands";

export const POST = route({ ids: { measureId: "Measure" }, body: changeStatusInput }, ({ user, ids, body }) =>
  changeStatus(user.id, ids.measureId, body),
);
