import { authed, readJson } from "@/lib/http";
import { takePosition } from "@/lib/positions";
import { takePositionInput } from "@/lib/validation";

export const PUT = authed<{ measureId: string }>(async ({ req, user, params }) =>
  takePosition(user.id, params.measureId, takePositionInput.parse(await readJson(req))),
);
