// The charts' colours and marks. Camps and stances use the Okabe–Ito colours of globals.css;
// measure statuses take the rest of the Okabe–Ito set and a shape each, so a status is never told
// by colour alone. Fills are Tailwind classes so they follow the theme.
import type { Camp, MeasureStatus, Stance } from "@/lib/core/vocabulary";

export const campFill: Record<Camp, string> = {
  internet_freedom: "fill-camp-if",
  cyber_sovereignty: "fill-camp-cs",
  non_aligned: "fill-camp-na",
};

export const campStroke: Record<Camp, string> = {
  internet_freedom: "stroke-camp-if",
  cyber_sovereignty: "stroke-camp-cs",
  non_aligned: "stroke-camp-na",
};

/** Lines of a camp also differ in pattern, for readers who cannot tell the colours apart. */
export const campDash: Record<Camp, string | undefined> = {
  internet_freedom: undefined,
  cyber_sovereignty: "7 4",
  non_aligned: "2 3",
};

export const stanceFill: Record<Stance, string> = {
  support: "fill-stance-support",
  oppose: "fill-stance-oppose",
  abstain: "fill-stance-abstain",
};

export type Shape = "circle" | "diamond" | "square" | "triangle";

export const statusLook: Record<MeasureStatus, { fill: string; shape: Shape }> = {
  draft: { fill: "#d6d3d1", shape: "circle" },
  under_discussion: { fill: "#56b4e9", shape: "circle" },
  in_decision: { fill: "#f0e442", shape: "diamond" },
  adopted: { fill: "#009e73", shape: "square" },
  not_adopted: { fill: "#d55e00", shape: "triangle" },
  withdrawn: { fill: "#a3a3a3", shape: "circle" },
};

export const INK = "#1c2430";
