import { route } from "@/lib/http/route";
import { closeDecision } from "@/lib/measure/decisions";

export const POST = route({ ids: { measureId: "Measure" } }, ({ user, ids }) => closeDecision(user.id, ids.measureId));
