"use client";
// The live consensus map of a forum: the measures' tallies kept current from the forum's events,
// placed again on every change.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { consensusMap, describeConsensusMap } from "@/lib/core/consensus-map";
import type { ForumEvent } from "@/lib/core/events";
import type { MeasureSummary } from "@/lib/core/views";
import { ConsensusMapChart } from "./charts/consensus-map-chart";
import { ConsensusMapKey, ConsensusMapTable } from "./charts/consensus-map-parts";
import { ConnectionStatus } from "./connection-status";
import { useForumLive } from "./use-forum-live";

export function ConsensusMap(props: { forumId: string; seq: number; measures: MeasureSummary[] }) {
  const router = useRouter();
  const [measures, setMeasures] = useState(props.measures);

  const connection = useForumLive(props.forumId, props.seq, (event: ForumEvent) => {
    switch (event.type) {
      case "measure:proposed":
        setMeasures((list) => (list.some((m) => m.id === event.measure.id) ? list : [event.measure, ...list]));
        break;
      case "measure:changed":
        setMeasures((list) =>
          list.some((m) => m.id === event.measure.id)
            ? list.map((m) => (m.id === event.measure.id ? event.measure : m))
            : [event.measure, ...list],
        );
        break;
      case "positions:changed": {
        const tallies = new Map(event.changes.map((c) => [c.measureId, c.tally]));
        setMeasures((list) => list.map((m) => (tallies.has(m.id) ? { ...m, tally: tallies.get(m.id)! } : m)));
        break;
      }
      case "member:changed":
      case "member:removed":
        // Withdrawn positions moved tallies the event does not carry.
        if (event.measureIds.length > 0) router.refresh();
        break;
      case "forum:changed":
      case "member:joined":
      case "comment:added":
      case "comment:moderated":
      case "text:changed":
      case "speakers:changed":
        // Nothing on the map moves.
        break;
    }
  });

  // Oldest first, so a measure keeps its number as new ones arrive.
  const map = consensusMap([...measures].reverse());
  const summary = describeConsensusMap(map);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[1fr_17rem]">
        <div className="card space-y-3 p-4">
          <div className="flex items-start justify-between gap-4">
            <p className="text-sm text-stone-600" aria-live="polite" data-testid="map-summary">
              {summary}
            </p>
            <ConnectionStatus state={connection} />
          </div>
          <ConsensusMapChart map={map} forumId={props.forumId} summary={summary} />
          <p className="text-xs text-stone-500">
            Hover over a measure, or reach it with Tab, to see its numbers; click or press Enter to open it.
          </p>
        </div>
        <aside className="card p-4" aria-label="Key to the map">
          <ConsensusMapKey map={map} />
        </aside>
      </div>
      <section aria-labelledby="map-table-heading" className="card p-4">
        <h2 id="map-table-heading" className="font-serif text-lg font-semibold">The map as a table</h2>
        <p className="mb-2 text-xs text-stone-500">Numbered as on the map. Each camp: support share, then support / oppose / abstain.</p>
        <ConsensusMapTable map={map} forumId={props.forumId} />
      </section>
    </div>
  );
}
