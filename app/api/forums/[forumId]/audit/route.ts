import { z } from "zod";
import { auditCsv, listAudit } from "@/lib/audit";
import { authed } from "@/lib/http";

const query = z.object({
  format: z.enum(["json", "csv"], { error: "format must be json or csv." }).default("json"),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const GET = authed<{ forumId: string }>(async ({ req, user, params }) => {
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  if (q.format === "csv") {
    return new Response(await auditCsv(user.id, params.forumId), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="concord-audit-${params.forumId}.csv"`,
      },
    });
  }
  return { events: await listAudit(user.id, params.forumId, { beforeId: q.before, limit: q.limit }) };
});
