import { z } from "zod";
import { authed } from "@/lib/http";
import { getRevision } from "@/lib/texts";

const revisionNumber = z.coerce.number({ error: "A revision number is a whole number." }).int().min(1);

export const GET = authed<{ measureId: string; number: string }>(async ({ user, params }) =>
  getRevision(user.id, params.measureId, revisionNumber.parse(params.number)),
);
