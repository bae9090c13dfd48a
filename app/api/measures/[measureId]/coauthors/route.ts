import { coauthorInput } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { addCoauthor } from "@/lib/measure/commands";

export const POST = route({ ids: { measureId: "Measure" }, body: coauthorInput, status: 201 }, async ({ user, ids, body }) => {
  await addCoauthor(user.id, ids.measureId, body);
  return { ok: true };
});
