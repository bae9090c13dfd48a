import { openDecision } from "@/lib/decisions";
import { authed, readJson } from "@/lib/http";
import { openDecisionInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(
  async ({ req, user, params }) => openDecision(user.id, params.measureId, openDecisionInput.parse(await readJson(req))),
  201,
);
