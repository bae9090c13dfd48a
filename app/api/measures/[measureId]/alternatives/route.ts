import { proposeAlternativeInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { proposeAlternative } from "@/lib/text/alternatives";

export const POST = route({ ids: { measureId: "Measure" }, body: proposeAlternativeInput, status: 201 }, ({ user, ids, body }) =>
  proposeAlternative(user.id, ids.measureId, body),
);
