import { authed, readJson } from "@/lib/http";
import { proposeAmendment } from "@/lib/texts";
import { proposeAmendmentInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => proposeAmendment(user.id, params.measureId, proposeAmendmentInput.parse(await readJson(req))),
  201,
);
