import { objectToSilence } from "@/lib/decisions";
import { authed, readJson } from "@/lib/http";
import { objectionInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => objectToSilence(user.id, params.measureId, objectionInput.parse(await readJson(req))),
  201,
);
