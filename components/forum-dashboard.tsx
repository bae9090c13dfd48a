// The forum dashboard: headline figures, members by camp and group, measures by status, the
// decisions waiting for positions, and the measures that bridge or divide the camps.
import { bridgingExplanation } from "@/lib/core/bridging";
import { campLabels, camps, measureStatusLabels, measureStatuses, stakeholderGroupLabels, stakeholderGroups } from "@/lib/core/vocabulary";
import type { Dashboard } from "@/lib/insight/insights";
import { AwaitingPositions } from "./awaiting-positions";
import { CampBadge } from "./camp-badge";
import { campFill, statusLook } from "./charts/palette";
import { CountBarChart } from "./charts/count-bar-chart";
import { RankedMeasuresChart } from "./charts/ranked-measures-chart";
import { StackedBarChart } from "./charts/stacked-bar-chart";
import { InsightsHeader } from "./insights-header";
import { LiveRefresh } from "./live-refresh";

// What moves a figure on the dashboard; comments, texts and speakers do not.
const dashboardEvents = ["forum:changed", "member:joined", "member:changed", "member:removed", "measure:proposed", "measure:changed", "positions:changed"] as const;

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="card p-4">
      <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">{label}</p>
      <p className="mt-1 font-serif text-3xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

export function ForumDashboard({ forumId, dashboard: d }: { forumId: string; dashboard: Dashboard }) {
  return (
    <div className="space-y-6">
      <InsightsHeader
        forumId={forumId}
        forumTitle={d.forum.title}
        current="dashboard"
        intro="Who is in the room, where the measures stand, who a decision is still waiting for, and which measures bridge or divide the camps."
      >
        <LiveRefresh forumId={forumId} seq={d.seq} on={dashboardEvents} />
      </InsightsHeader>

      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Figure label="Members" value={d.members.total} testId="figure-members" />
        <Figure label="Measures on the agenda" value={d.onAgenda} testId="figure-measures" />
        <Figure label="Positions taken" value={d.positions} testId="figure-positions" />
        <Figure label="In decision" value={d.statuses.in_decision} testId="figure-in-decision" />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="members-heading" className="card p-5" data-testid="members-chart">
          <h2 id="members-heading" className="mb-3 font-serif text-xl font-semibold">Members</h2>
          <StackedBarChart
            title="By stakeholder group and camp"
            description="Bar length is the number of members."
            firstColumn="Stakeholder group"
            width={460}
            segments={camps.map((c) => ({ key: c, label: campLabels[c], fill: campFill[c] }))}
            rows={stakeholderGroups.map((g) => ({
              key: g,
              label: stakeholderGroupLabels[g],
              values: { internet_freedom: d.members.cells.internet_freedom[g], cyber_sovereignty: d.members.cells.cyber_sovereignty[g], non_aligned: d.members.cells.non_aligned[g] },
            }))}
          />
          <ul className="mt-4 flex flex-wrap gap-3 text-sm" aria-label="Members by camp" data-testid="members-by-camp">
            {camps.map((c) => (
              <li key={c} className="inline-flex items-center gap-1.5" data-camp={c}>
                <CampBadge camp={c} /> <span className="font-semibold tabular-nums">{d.members.byCamp[c]}</span>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="status-heading" className="card p-5" data-testid="status-chart">
          <h2 id="status-heading" className="mb-3 font-serif text-xl font-semibold">Measures</h2>
          <CountBarChart
            title="By status"
            description="Drafts are their authors’ own and are not counted."
            firstColumn="Status"
            rows={measureStatuses
              .filter((s) => s !== "draft")
              .map((s) => ({ key: s, label: measureStatusLabels[s], value: d.statuses[s], ...statusLook[s] }))}
          />
        </section>
      </div>

      <AwaitingPositions forumId={forumId} measures={d.awaiting} />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="bridging-heading" className="card p-5">
          <h2 id="bridging-heading" className="mb-3 font-serif text-xl font-semibold">Bridging the camps</h2>
          <RankedMeasuresChart
            title="Top bridging measures still open"
            description={<>Highest bridging score first: candidates for a decision. {bridgingExplanation}</>}
            items={d.bridging.map((m) => ({ id: m.id, title: m.title, tally: m.tally, score: m.bridging.toFixed(2) }))}
            forumId={forumId}
            scoreLabel="bridging"
            empty="No measure is open for positions."
            testId="top-bridging"
          />
        </section>
        <section aria-labelledby="divides-heading" className="card p-5">
          <h2 id="divides-heading" className="mb-3 font-serif text-xl font-semibold">Dividing the camps</h2>
          <RankedMeasuresChart
            title="Most divisive measures still open"
            description="Largest gap between the camps’ support shares first (shaded); a camp that has not supported or opposed cannot divide."
            items={d.divides.map((m) => ({ id: m.id, title: m.title, tally: m.tally, score: `${Math.round(m.gap * 100)} pts` }))}
            forumId={forumId}
            scoreLabel="gap"
            empty="No open measure divides the camps."
            testId="most-divisive"
          />
        </section>
      </div>
    </div>
  );
}
