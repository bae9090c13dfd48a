import { z } from "zod";
import { authed, readJson } from "@/lib/http";
import { listMeasures, measureViews, proposeMeasure } from "@/lib/measures";
import { proposeMeasureInput } from "@/lib/validation";

type P = { forumId: string };
const query = z.object({ view: z.enum(measureViews, { error: "view must be agenda, common-ground or divides." }).default("agenda") });

export const GET = authed<P>(async ({ req, user, params }) => {
  const { view } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { measures: await listMeasures(user.id, params.forumId, view) };
});

export const POST = authed<P>(
  async ({ req, user, params }) => proposeMeasure(user.id, params.forumId, proposeMeasureInput.parse(await readJson(req))),
  201,
);
