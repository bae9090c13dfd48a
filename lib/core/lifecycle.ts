// The one place that says how a measure's status may change, and who may change it.
import type { MeasureStatus } from "./vocabulary";
import { measureStatusLabels } from "./vocabulary";

export type Mover = "author" | "chair" | "system";

type Transition = { from: MeasureStatus; to: MeasureStatus; by: readonly Mover[]; verb: string };

export const transitions: readonly Transition[] = [
  { from: "draft", to: "under_discussion", by: ["author"], verb: "Submit for discussion" },
  { from: "under_discussion", to: "withdrawn", by: ["author"], verb: "Withdraw" },
  { from: "under_discussion", to: "in_decision", by: ["chair"], verb: "Open a decision" },
  { from: "in_decision", to: "adopted", by: ["chair", "system"], verb: "Close the decision" },
  { from: "in_decision", to: "not_adopted", by: ["chair", "system"], verb: "Close the decision" },
  { from: "in_decision", to: "under_discussion", by: ["chair"], verb: "Cancel the decision" },
  { from: "not_adopted", to: "under_discussion", by: ["chair"], verb: "Return to discussion" },
];

export type TransitionCheck = { ok: true } | { ok: false; reason: "forbidden" | "invalid"; message: string };

/** Whether `movers` (the roles the acting member holds for this measure) may move it `from` → `to`. */
export function checkTransition(from: MeasureStatus, to: MeasureStatus, movers: readonly Mover[]): TransitionCheck {
  if (from === to) return { ok: false, reason: "invalid", message: `The measure is already ${measureStatusLabels[to].toLowerCase()}.` };
  const t = transitions.find((x) => x.from === from && x.to === to);
  if (!t) {
    return {
      ok: false,
      reason: "invalid",
      message: `A measure that is ${measureStatusLabels[from].toLowerCase()} cannot become ${measureStatusLabels[to].toLowerCase()}.`,
    };
  }
  if (!t.by.some((m) => movers.includes(m))) {
    const who = t.by.filter((m) => m !== "system").map((m) => (m === "author" ? "its authors" : "the chair"));
    return { ok: false, reason: "forbidden", message: `Only ${who.join(" or ")} can do this.` };
  }
  return { ok: true };
}

/** The moves a member holding `movers` can make from `from` (for buttons). */
export function availableTransitions(from: MeasureStatus, movers: readonly Mover[]) {
  return transitions.filter((t) => t.from === from && t.by.some((m) => movers.includes(m)));
}

/** Positions may be taken while a measure is discussed or decided. */
export const openForPositions = (s: MeasureStatus) => s === "under_discussion" || s === "in_decision";

export const isDecided = (s: MeasureStatus) => s === "adopted" || s === "not_adopted";
