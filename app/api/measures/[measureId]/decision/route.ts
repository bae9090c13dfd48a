import { openDecisionInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { openDecision } from "@/lib/measure/decisions";

export const POST = route({ ids: { measureId: "Measure" }, body: openDecisionInput, status: 201 }, ({ user, ids, body }) =>
  openDecision(user.id, ids.measureId, body),
);
