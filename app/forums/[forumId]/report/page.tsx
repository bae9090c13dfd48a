import type { Metadata } from "next";
import { exportDatasets } from "@/lib/core/validation";
import { namesNotice } from "@/lib/core/name-disclosure";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { getOutcomeReport } from "@/lib/insight/report";
import { InsightsHeader } from "@/components/insights-header";
import { OutcomeReportDocument } from "@/components/outcome-report";
import { PrintButton } from "@/components/print-button";
import "./print.css";

export const metadata: Metadata = { title: "Outcome report" };

const datasetLabels: Record<(typeof exportDatasets)[number], string> = {
  measures: "Measures",
  positions: "Positions",
  comments: "Comments",
  "support-history": "Support over time",
};

export default async function OutcomeReportPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/report`);
  const report = await loadOr404(() => getOutcomeReport(user.id, forumId));
  const api = `/api/forums/${forumId}`;
  return (
    <div className="outcome-report space-y-6">
      <InsightsHeader
        forumId={forumId}
        forumTitle={report.forum.title}
        current="report"
        intro="What the forum adopted and on what terms, what it did not adopt and why, who took part, and where the camps stand. It prints on A4 or Letter."
      >
        <PrintButton />
      </InsightsHeader>

      <section aria-labelledby="downloads-heading" className="card space-y-3 p-5 print:hidden">
        <h2 id="downloads-heading" className="font-serif text-lg font-semibold">Downloads</h2>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
          <a className="btn-secondary py-1.5" href={`${api}/report?format=markdown`} download>
            Report as Markdown
          </a>
          {exportDatasets.map((d) => (
            <span key={d} className="inline-flex items-center gap-2">
              <span className="font-medium">{datasetLabels[d]}</span>
              <a className="text-accent hover:underline" href={`${api}/exports/${d}?format=csv`} download aria-label={`${datasetLabels[d]} as CSV`}>
                CSV
              </a>
              <a className="text-accent hover:underline" href={`${api}/exports/${d}?format=json`} download aria-label={`${datasetLabels[d]} as JSON`}>
                JSON
              </a>
            </span>
          ))}
        </div>
        <p className="text-xs text-stone-500">
          {namesNotice(report.forum)} Any member of the forum may download these; drafts are never included.
        </p>
      </section>

      <OutcomeReportDocument report={report} />
    </div>
  );
}
