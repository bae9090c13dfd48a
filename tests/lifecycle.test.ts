import { describe, expect, it } from "vitest";
import { availableTransitions, checkTransition, transitions } from "@/lib/core/lifecycle";
import { measureStatuses } from "@/lib/core/vocabulary";

describe("measure lifecycle", () => {
  it("allows exactly the transitions in the table, to the right movers", () => {
    for (const from of measureStatuses) {
      for (const to of measureStatuses) {
        const t = transitions.find((x) => x.from === from && x.to === to);
        for (const mover of ["author", "chair", "system"] as const) {
          expect(checkTransition(from, to, [mover]).ok, `${from} → ${to} by ${mover}`).toBe(Boolean(t?.by.includes(mover)));
        }
      }
    }
  });

  it("lets authors submit and withdraw, and only the chair decide", () => {
    expect(checkTransition("draft", "under_discussion", ["author"])).toEqual({ ok: true });
    expect(checkTransition("under_discussion", "withdrawn", ["author"])).toEqual({ ok: true });
    expect(checkTransition("under_discussion", "in_decision", ["author"])).toEqual({
      ok: false,
      reason: "forbidden",
      message: "Only the chair can do this.",
    });
    expect(checkTransition("in_decision", "adopted", ["system"])).toEqual({ ok: true });
  });

  it("explains a forbidden transition in words", () => {
    expect(checkTransition("adopted", "under_discussion", ["chair"])).toEqual({
      ok: false,
      reason: "invalid",
      message: "A measure that is adopted cannot become under discussion.",
    });
    expect(checkTransition("in_decision", "withdrawn", ["author"])).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("offers nothing after adoption or withdrawal", () => {
    expect(availableTransitions("adopted", ["author", "chair"])).toEqual([]);
    expect(availableTransitions("withdrawn", ["author", "chair"])).toEqual([]);
    expect(availableTransitions("under_discussion", ["chair"]).map((t) => t.to)).toEqual(["in_decision"]);
  });
});
