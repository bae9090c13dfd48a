import { campLabels, campMarks, camps, type Camp } from "@/lib/core/vocabulary";

export const campColour: Record<Camp, string> = {
  internet_freedom: "bg-camp-if",
  cyber_sovereignty: "bg-camp-cs",
  non_aligned: "bg-camp-na",
};

const campText: Record<Camp, string> = {
  internet_freedom: "text-white",
  cyber_sovereignty: "text-ink",
  non_aligned: "text-white",
};

/** A camp's mark and name; colour is an extra cue, never the only one. */
export function CampBadge({ camp, compact = false }: { camp: Camp; compact?: boolean }) {
  return (
    <span className="camp-badge">
      <span aria-hidden className={`camp-mark ${campColour[camp]} ${campText[camp]}`}>
        {campMarks[camp]}
      </span>
      {compact ? <span className="sr-only">{campLabels[camp]}</span> : campLabels[camp]}
    </span>
  );
}

export function CampLegend() {
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Camps">
      {camps.map((c) => (
        <li key={c}>
          <CampBadge camp={c} />
        </li>
      ))}
    </ul>
  );
}
