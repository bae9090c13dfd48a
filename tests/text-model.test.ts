import { describe, expect, it } from "vitest";
import { changeCount, joinParagraphs, redline, splitParagraphs } from "@/lib/core/text-model";

describe("paragraphs", () => {
  it("splits at blank lines, trimming and dropping empty ones", () => {
    expect(splitParagraphs("First line\ncontinues.\n\n\n  Second.  \r\n\r\nThird.\n")).toEqual([
      "First line\ncontinues.",
      "Second.",
      "Third.",
    ]);
    expect(splitParagraphs("  \n\n ")).toEqual([]);
  });

  it("keeps a Markdown list inside one paragraph", () => {
    expect(splitParagraphs("Intro:\n- one\n- two\n\nAfter.")).toEqual(["Intro:\n- one\n- two", "After."]);
  });

  it("joins back what it split", () => {
    const text = "A.\n\nB.\n\nC.";
    expect(joinParagraphs(splitParagraphs(text))).toBe(text);
  });
});

describe("redline", () => {
  it("marks exactly the words that changed", () => {
    const segments = redline(
      "States should not attack critical infrastructure.",
      "States shall not attack civilian critical infrastructure.",
    );
    expect(segments).toEqual([
      { kind: "same", text: "States " },
      { kind: "deleted", text: "should" },
      { kind: "inserted", text: "shall" },
      { kind: "same", text: " not attack " },
      { kind: "inserted", text: "civilian " },
      { kind: "same", text: "critical infrastructure." },
    ]);
    expect(changeCount(segments)).toBe(3);
  });

  it("shows nothing changed for the same text", () => {
    expect(redline("Same words.", "Same words.")).toEqual([{ kind: "same", text: "Same words." }]);
  });

  it("handles a paragraph added at the end", () => {
    const segments = redline("One.", "One.\n\nTwo.");
    expect(segments.filter((s) => s.kind === "inserted").map((s) => s.text.trim())).toEqual(["Two."]);
    expect(segments.some((s) => s.kind === "deleted")).toBe(false);
  });
});
