import { auditCsv, listAudit } from "@/lib/audit/read";
import { auditQuery } from "@/lib/core/validation";
import { route } from "@/lib/http/route";

export const GET = route({ ids: { forumId: "Forum" }, query: auditQuery }, async ({ user, ids, query }) => {
  if (query.format === "csv") {
    return new Response(await auditCsv(user.id, ids.forumId), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="concord-audit-${ids.forumId}.csv"`,
      },
    });
  }
  return { events: await listAudit(user.id, ids.forumId, { beforeId: query.before, limit: query.limit }) };
});
