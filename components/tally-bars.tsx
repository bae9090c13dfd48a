import { countOf, type Counts, type Tally } from "@/lib/core/tallies";
import { campLabels, camps, stakeholderGroupLabels, stakeholderGroups, stanceLabels, stances, type Stance } from "@/lib/core/vocabulary";
import { CampBadge } from "./camp-badge";

const stanceColour: Record<Stance, string> = {
  support: "bg-stance-support",
  oppose: "bg-stance-oppose",
  abstain: "bg-stance-abstain",
};

export function describeCounts(c: Counts) {
  return countOf(c) === 0
    ? "no positions"
    : `${c.support} support, ${c.oppose} oppose, ${c.abstain} abstain`;
}

/** One horizontal bar split into support / oppose / abstain, with the numbers beside it. */
export function TallyBar({ counts, label, height = "h-3" }: { counts: Counts; label: string; height?: string }) {
  const total = countOf(counts);
  // Short classes (app/globals.css): these rows repeat three times on every card of an agenda.
  return (
    <div className="tally-row">
      <div role="img" aria-label={`${label}: ${describeCounts(counts)}`} className={`tally-track ${height}`}>
        {total > 0 &&
          stances.map((s) =>
            counts[s] > 0 ? (
              <div key={s} className={stanceColour[s]} style={{ width: `${Math.round((counts[s] / total) * 1000) / 10}%` }} />
            ) : null,
          )}
      </div>
      <span aria-hidden className="tally-numbers">
        {total === 0 ? (
          "—"
        ) : (
          <>
            <span className="tally-support">{counts.support}</span>
            {" / "}
            <span className="tally-oppose">{counts.oppose}</span>
            {" / "}
            <span>{counts.abstain}</span>
          </>
        )}
      </span>
    </div>
  );
}

export function StanceLegend() {
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-stone-600">
      {stances.map((s) => (
        <span key={s} className="inline-flex items-center gap-1.5">
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-sm ${stanceColour[s]}`} />
          {stanceLabels[s]}
        </span>
      ))}
      <span className="text-stone-500">Numbers: support / oppose / abstain</span>
    </p>
  );
}

/**
 * A bar per camp: the breakdown that shows whether a measure bridges the camps. `stacked` puts
 * the bar under the camp's name, for narrow columns.
 */
export function CampTallies({ tally, stacked = false }: { tally: Pick<Tally, "byCamp">; stacked?: boolean }) {
  return (
    <ul className={stacked ? "space-y-3" : "space-y-1.5"} aria-label="Positions by camp">
      {camps.map((camp) => (
        <li
          key={camp}
          className={stacked ? "space-y-1" : "camp-tally-row"}
          data-camp={camp}
        >
          <CampBadge camp={camp} />
          <TallyBar counts={tally.byCamp[camp]} label={campLabels[camp]} />
        </li>
      ))}
    </ul>
  );
}

export function GroupTallies({ tally }: { tally: Tally }) {
  const groups = stakeholderGroups.filter((g) => countOf(tally.byGroup[g]) > 0);
  if (groups.length === 0) return <p className="text-sm text-stone-500">No positions yet.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Positions by stakeholder group</caption>
      <thead>
        <tr className="text-left text-xs text-stone-500">
          <th className="py-1 font-medium">Stakeholder group</th>
          <th className="py-1 text-right font-medium">Support</th>
          <th className="py-1 text-right font-medium">Oppose</th>
          <th className="py-1 text-right font-medium">Abstain</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g} className="border-t border-stone-100">
            <td className="py-1">{stakeholderGroupLabels[g]}</td>
            <td className="py-1 text-right tabular-nums">{tally.byGroup[g].support}</td>
            <td className="py-1 text-right tabular-nums">{tally.byGroup[g].oppose}</td>
            <td className="py-1 text-right tabular-nums">{tally.byGroup[g].abstain}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
