// The chair's outcome report as a document: a sheet of paper on screen, and on print (A4 or
// Letter) the only thing on the page — the report page's stylesheet drops everything around it.
import Link from "next/link";
import { describeConsensusMap } from "@/lib/core/consensus-map";
import { utcMinute } from "@/lib/core/dates";
import { ruleLabels } from "@/lib/core/decision-rules";
import { namesNotice } from "@/lib/core/name-disclosure";
import { groupsWithPositions } from "@/lib/core/participation";
import type { DecidedMeasure, OutcomeReport } from "@/lib/insight/report";
import { countOf, type Counts } from "@/lib/core/tallies";
import {
  campLabels,
  camps,
  measureCategoryLabels,
  measureKindLabels,
  measureStatusLabels,
  roleLabels,
  roles,
  stakeholderGroupLabels,
} from "@/lib/core/vocabulary";
import { CampBadge } from "./camp-badge";
import { DataTable } from "./charts/chart-figure";
import { ConsensusMapChart } from "./charts/consensus-map-chart";
import { ConsensusMapKey, ConsensusMapTable } from "./charts/consensus-map-parts";
import { ShareBar } from "./charts/share-bar";

function TallyTable({ caption, first, rows }: { caption: string; first: string; rows: { key: string; label: string; counts: Counts }[] }) {
  return (
    <DataTable
      caption={caption}
      head={[first, "Support", "Oppose", "Abstain", "Total", <span key="s" className="sr-only">Shares</span>]}
      rows={rows.map((r) => ({
        key: r.key,
        cells: [r.label, r.counts.support, r.counts.oppose, r.counts.abstain, countOf(r.counts), <ShareBar key="b" counts={r.counts} width={90} />],
      }))}
    />
  );
}

function DecidedMeasureEntry({ m, n, forumId }: { m: DecidedMeasure; n: number; forumId: string }) {
  const groups = groupsWithPositions(m.tally);
  const rule =
    ruleLabels[m.rule] + (m.quorum ? `, quorum ${m.quorum}` : "") + (m.rule === "cross_camp" ? `, a camp counts from ${m.crossCampMin} positions` : "");
  return (
    <article aria-labelledby={`m-${m.id}`} className="space-y-3 border-t border-stone-200 pt-5" data-measure-id={m.id}>
      <header className="break-after-avoid">
        <h4 id={`m-${m.id}`} className="font-serif text-lg font-semibold">
          {n}.{" "}
          <Link className="hover:text-accent hover:underline print:no-underline" href={`/forums/${forumId}/measures/${m.id}`}>
            {m.title}
          </Link>
        </h4>
        <p className="text-xs text-stone-500">
          {measureKindLabels[m.kind]} · {measureCategoryLabels[m.category]} · {measureStatusLabels[m.outcome]} on {utcMinute(m.closedAt)} · Rule: {rule}
        </p>
      </header>
      <div className="prose-concord border-l-4 border-stone-200 pl-4 font-serif" dangerouslySetInnerHTML={{ __html: m.html }} />
      <div className="break-inside-avoid">
        <p className="text-sm" data-testid="final-tally">
          <strong>Final tally:</strong> {countOf(m.tally.total)} positions — {m.tally.total.support} support, {m.tally.total.oppose} oppose,{" "}
          {m.tally.total.abstain} abstain.
        </p>
        <div className="mt-2 grid items-start gap-4 lg:grid-cols-2 print:grid-cols-1">
          <TallyTable
            caption={`Final tally of ${m.title} by camp`}
            first="Camp"
            rows={camps.map((c) => ({ key: c, label: campLabels[c], counts: m.tally.byCamp[c] }))}
          />
          {groups.length > 0 && (
            <TallyTable
              caption={`Final tally of ${m.title} by stakeholder group`}
              first="Stakeholder group"
              rows={groups.map((g) => ({ key: g, label: stakeholderGroupLabels[g], counts: m.tally.byGroup[g] }))}
            />
          )}
        </div>
      </div>
      <div className="break-inside-avoid text-sm">
        <p className="font-semibold">Why</p>
        <ul className="list-disc pl-5 text-stone-700">
          {m.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      {(m.objections.length > 0 || m.outcome === "not_adopted") && (
        <div className="break-inside-avoid text-sm">
          <p className="font-semibold">{m.objectionsHeading}</p>
          {m.objections.length === 0 ? (
            <p className="text-stone-600">Nobody.</p>
          ) : (
            <ul className="space-y-1" aria-label={`${m.objectionsHeading}: ${m.title}`}>
              {m.objections.map((o, i) => (
                <li key={`${o.delegation}-${i}`}>
                  <span className="font-medium">{o.delegation}</span> <CampBadge camp={o.camp} compact />{" "}
                  {o.reason ? <span className="text-stone-700">— “{o.reason}”</span> : <span className="text-stone-500">— no rationale given</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}

function Figures({ report }: { report: OutcomeReport }) {
  const p = report.participation;
  const rows: [string, number, string][] = [
    ["Members", p.members, "members"],
    ...roles.map((r): [string, number, string] => [`${roleLabels[r]}s`, p.byRole[r], `role-${r}`]),
    ["Can take positions (chairs and delegates)", p.canTakePositions, "can-take-positions"],
    ["Took at least one position", p.delegationsWithPositions, "with-positions"],
    ["Positions taken", p.positions.total, "positions"],
    ["Comments", p.comments, "comments"],
    ["Delegations that commented", p.delegationsWithComments, "with-comments"],
  ];
  return (
    <div className="grid items-start gap-6 md:grid-cols-2">
      <table className="w-full text-sm" data-testid="participation">
        <caption className="sr-only">Participation</caption>
        <tbody>
          {rows.map(([label, value, key]) => (
            <tr key={key} className="border-t border-stone-100" data-figure={key}>
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {label}
              </th>
              <td className="py-1 text-right font-semibold tabular-nums">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TallyTable
        caption="Positions taken, by camp"
        first="Positions by camp"
        rows={camps.map((c) => ({ key: c, label: campLabels[c], counts: p.positionsByCamp[c] }))}
      />
    </div>
  );
}

export function OutcomeReportDocument({ report }: { report: OutcomeReport }) {
  const forumId = report.forum.id;
  const summary = describeConsensusMap(report.map);
  const section = "space-y-4";
  const h3 = "font-serif text-xl font-semibold break-after-avoid";
  return (
    <article aria-labelledby="report-title" className="card space-y-10 p-8 print:border-0 print:p-0 print:shadow-none">
      <header className="space-y-1 border-b-2 border-ink pb-4">
        <p className="text-xs font-semibold uppercase tracking-widest text-accent">Outcome report</p>
        <h2 id="report-title" className="font-serif text-3xl font-semibold leading-tight">
          {report.forum.title}
        </h2>
        {report.forum.description && <p className="text-stone-600">{report.forum.description}</p>}
        <p className="text-sm text-stone-500">
          Generated {utcMinute(report.generatedAt)}
          {report.chairs.length > 0 && <> · Chair: {report.chairs.join(", ")}</>} · The forum is {report.forum.status}.
        </p>
      </header>

      <section aria-labelledby="summary-heading" className={section}>
        <h3 id="summary-heading" className={h3}>Summary</h3>
        <dl className="grid grid-cols-3 gap-4 text-center" data-testid="report-summary">
          {(
            [
              ["Adopted", report.adopted.length, "adopted"],
              ["Not adopted", report.notAdopted.length, "not-adopted"],
              ["Still under deliberation", report.open.length, "open"],
            ] as const
          ).map(([label, n, key]) => (
            <div key={key} className="rounded-md border border-stone-200 p-3" data-summary={key}>
              <dt className="text-xs uppercase tracking-wide text-stone-500">{label}</dt>
              <dd className="font-serif text-3xl font-semibold tabular-nums">{n}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="participation-heading" className={section}>
        <h3 id="participation-heading" className={h3}>Participation</h3>
        <Figures report={report} />
      </section>

      <section aria-labelledby="adopted-heading" className={section} data-testid="adopted">
        <h3 id="adopted-heading" className={h3}>Adopted measures ({report.adopted.length})</h3>
        {report.adopted.length === 0 ? (
          <p className="text-sm text-stone-500">No measure has been adopted yet.</p>
        ) : (
          report.adopted.map((m, i) => <DecidedMeasureEntry key={m.id} m={m} n={i + 1} forumId={forumId} />)
        )}
      </section>

      <section aria-labelledby="not-adopted-heading" className={section} data-testid="not-adopted">
        <h3 id="not-adopted-heading" className={h3}>Measures not adopted ({report.notAdopted.length})</h3>
        {report.notAdopted.length === 0 ? (
          <p className="text-sm text-stone-500">No measure has failed to be adopted.</p>
        ) : (
          report.notAdopted.map((m, i) => <DecidedMeasureEntry key={m.id} m={m} n={i + 1} forumId={forumId} />)
        )}
      </section>

      <section aria-labelledby="open-heading" className={section}>
        <h3 id="open-heading" className={h3}>Still under deliberation ({report.open.length})</h3>
        {report.open.length === 0 ? (
          <p className="text-sm text-stone-500">Nothing is still under deliberation.</p>
        ) : (
          <div className="overflow-x-auto" data-testid="open-measures">
            <DataTable
              caption="Measures still under deliberation"
              textColumns={2}
              head={["Measure", "Status", "Support", "Oppose", "Abstain", "Positions", "Bridging score"]}
              rows={report.open.map((m) => ({
                key: m.id,
                cells: [m.title, measureStatusLabels[m.status], m.tally.total.support, m.tally.total.oppose, m.tally.total.abstain, countOf(m.tally.total), m.bridging.toFixed(2)],
              }))}
            />
          </div>
        )}
      </section>

      <section aria-labelledby="map-heading" className={`${section} break-before-page`}>
        <h3 id="map-heading" className={h3}>Consensus map</h3>
        <p className="text-sm text-stone-600">{summary}</p>
        <div className="grid items-start gap-6 lg:grid-cols-[1fr_15rem] print:grid-cols-[1fr_14rem]">
          <div className="print:max-w-[120mm]">
            <ConsensusMapChart map={report.map} forumId={forumId} summary={summary} />
          </div>
          <ConsensusMapKey map={report.map} />
        </div>
        <ConsensusMapTable map={report.map} forumId={forumId} />
      </section>

      <footer className="border-t border-stone-200 pt-3 text-xs text-stone-500">
        Support share: support ÷ (support + oppose) within a camp; abstentions count for neither side. {namesNotice(report.forum)}
      </footer>
    </article>
  );
}
