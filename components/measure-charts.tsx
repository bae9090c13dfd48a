"use client";
// The measure page's charts: where support comes from (camps and stakeholder groups) and how it
// moved over time. The bars follow the live tally the page already has; the history is read from
// the support-history export and read again whenever the tally moves.
import { useEffect, useState } from "react";
import type { SupportHistoryRow } from "@/lib/insight/exports";
import type { Tally } from "@/lib/core/tallies";
import { campLabels, camps, stakeholderGroupLabels, stakeholderGroups, stanceLabels, stances, type Stance } from "@/lib/core/vocabulary";
import { StackedBarChart, type Segment } from "./charts/stacked-bar-chart";
import { SupportTimelineChart } from "./charts/support-timeline-chart";
import { stanceFill } from "./charts/palette";

const stanceSegments: Segment<Stance>[] = stances.map((s) => ({ key: s, label: stanceLabels[s], fill: stanceFill[s] }));

type History = { rows: SupportHistoryRow[] } | { error: string } | null;

export function MeasureCharts({ forumId, measureId, tally }: { forumId: string; measureId: string; tally: Tally }) {
  const [history, setHistory] = useState<History>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/forums/${forumId}/exports/support-history?format=json&measureId=${measureId}`, { signal: controller.signal })
      .then(async (res) => {
        const body = await res.json();
        setHistory(res.ok ? { rows: body.rows } : { error: body.error ?? "The history could not be read." });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setHistory({ error: error instanceof Error ? error.message : "The history could not be read." });
      });
    return () => controller.abort();
    // The tally is the signal that a position changed: read the history again.
  }, [forumId, measureId, tally]);

  return (
    <section aria-labelledby="charts-heading" className="card space-y-6 p-5">
      <div>
        <h2 id="charts-heading" className="font-serif text-xl font-semibold">Where support comes from</h2>
        <p className="text-sm text-stone-500">Bar length is the number of positions; every chart has its data as a table.</p>
      </div>
      <StackedBarChart
        title="By camp"
        firstColumn="Camp"
        segments={stanceSegments}
        rows={camps.map((c) => ({ key: c, label: campLabels[c], values: tally.byCamp[c] }))}
        emptyText="no positions"
      />
      <StackedBarChart
        title="By stakeholder group"
        firstColumn="Stakeholder group"
        segments={stanceSegments}
        rows={stakeholderGroups.map((g) => ({ key: g, label: stakeholderGroupLabels[g], values: tally.byGroup[g] }))}
        emptyText="no positions"
      />
      <SupportTimelineChart
        rows={history && "rows" in history ? history.rows : null}
        message={history && "error" in history ? history.error : undefined}
      />
    </section>
  );
}
