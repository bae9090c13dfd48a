import { reportQuery } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { getOutcomeReport } from "@/lib/insight/report";
import { reportFilename, reportMarkdown } from "@/lib/insight/report-markdown";

export const GET = route({ ids: { forumId: "Forum" }, query: reportQuery }, async ({ user, ids, query }) => {
  const report = await getOutcomeReport(user.id, ids.forumId);
  if (query.format === "json") return report;
  return new Response(reportMarkdown(report), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${reportFilename(ids.forumId)}"`,
    },
  });
});
