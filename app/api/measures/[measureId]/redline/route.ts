import { authed } from "@/lib/http";
import { getRedline } from "@/lib/texts";
import { redlineQuery } from "@/lib/validation";

export const GET = authed<{ measureId: string }>(async ({ req, user, params }) => {
  const { from, to } = redlineQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return getRedline(user.id, params.measureId, from, to);
});
