import { z } from "zod";
import { authed } from "@/lib/http";
import { getOutcomeReport } from "@/lib/report";
import { reportFilename, reportMarkdown } from "@/lib/report-markdown";

const query = z.object({ format: z.enum(["json", "markdown"], { error: "format must be json or markdown." }).default("json") });

export const GET = authed<{ forumId: string }>(async ({ req, user, params }) => {
  const { format } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const report = await getOutcomeReport(user.id, params.forumId);
  if (format === "json") return report;
  return new Response(reportMarkdown(report), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${reportFilename(params.forumId)}"`,
    },
  });
});
