import { route } from "@/lib/http/route";
import { getMeasurePage } from "@/lib/measure/page";

export const GET = route({ ids: { measureId: "Measure" } }, ({ user, ids }) => getMeasurePage(user.id, ids.measureId));
