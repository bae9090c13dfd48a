import { route } from "@/lib/http/route";
import { getMeasureTally } from "@/lib/measure/decisions";

export const GET = route({ ids: { measureId: "Measure" } }, ({ user, ids }) => getMeasureTally(user.id, ids.measureId));
