import { authed, readJson } from "@/lib/http";
import { changeStatus } from "@/lib/measures";
import { changeStatusInput } from "@/lib/validation";

export const POST = authed<{ measureId: string }>(async ({ req, user, params }) =>
  changeStatus(user.id, params.measureId, changeStatusInput.parse(await readJson(req))),
);
