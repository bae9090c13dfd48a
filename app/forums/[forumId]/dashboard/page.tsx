import type { Metadata } from "next";
import Link from "next/link";
import { bridgingExplanation } from "@/lib/core/bridging";
import { ruleLabels } from "@/lib/core/decision-rules";
import { getForumDashboard } from "@/lib/insight/insights";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { campLabels, camps, measureStatusLabels, measureStatuses, stakeholderGroupLabels, stakeholderGroups } from "@/lib/core/vocabulary";
import { CampBadge } from "@/components/camp-badge";
import { campFill, statusLook } from "@/components/charts/palette";
import { CountBarChart } from "@/components/charts/count-bar-chart";
import { RankedMeasuresChart } from "@/components/charts/ranked-measures-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { InsightsHeader } from "@/components/insights-header";
import { LiveRefresh } from "@/components/live-refresh";

export const metadata: Metadata = { title: "Dashboard" };

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

export default async function DashboardPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/dashboard`);
  const d = await loadOr404(() => getForumDashboard(user.id, forumId));
  const measureLink = (id: string, title: string) => (
    <Link className="font-medium hover:text-accent hover:underline" href={`/forums/${forumId}/measures/${id}`}>
      {title}
    </Link>
  );

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

      <section aria-labelledby="awaiting-heading" className="card p-5" data-testid="awaiting">
        <h2 id="awaiting-heading" className="font-serif text-xl font-semibold">Waiting for positions</h2>
        <p className="text-sm text-stone-500">
          Measures in decision and the members who can take a position but have not yet. A silence procedure needs no positions and is not listed.
        </p>
        {d.awaiting.length === 0 ? (
          <p className="mt-3 text-sm text-stone-500">No decision is waiting for positions.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-100">
            {d.awaiting.map((m) => (
              <li key={m.id} className="py-3" data-measure-id={m.id}>
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  {measureLink(m.id, m.title)}
                  <span className="text-xs text-stone-500">
                    {ruleLabels[m.rule]}
                    {m.deadline && <> · closes {m.deadline.slice(0, 16).replace("T", " ")} UTC</>} ·{" "}
                    <span data-testid="taken">
                      {m.taken} of {m.taken + m.awaiting.length}
                    </span>{" "}
                    have taken a position
                  </span>
                </p>
                {m.awaiting.length === 0 ? (
                  <p className="mt-1 text-sm text-stone-600">Everyone has taken a position.</p>
                ) : (
                  <ul className="mt-1.5 flex flex-wrap gap-2" aria-label={`Yet to take a position on ${m.title}`}>
                    {m.awaiting.map((a) => (
                      <li key={a.id} className="inline-flex items-center gap-1.5 rounded-full bg-stone-100 py-0.5 pr-2.5 pl-1 text-sm" data-delegation={a.delegation}>
                        <CampBadge camp={a.camp} compact />
                        {a.delegation}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

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
