// The outcome report's Markdown export quotes measures' own Markdown (lib/core/markdown-export.ts):
// their formatting stays, nothing in it can run in whatever renders the export next.
import { describe, expect, it } from "vitest";
import { safeMarkdown } from "@/lib/core/markdown-export";

describe("Markdown for export", () => {
  it("keeps headings, emphasis, lists, tables and safe links as they were written", () => {
    const text = "## Scope\n\nStates **shall** notify [the OSCE](https://www.osce.org) within *72 hours*.\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |";
    const out = safeMarkdown(text);
    expect(out).toContain("## Scope");
    expect(out).toContain("**shall**");
    expect(out).toContain("[the OSCE](https://www.osce.org)");
    expect(out).toContain("- two");
    expect(out).toMatch(/\| a +\| b +\|/);
    expect(safeMarkdown("Write to [the chair](mailto:chair@example.org).")).toContain("(mailto:chair@example.org)");
  });

  it("turns raw HTML into text that shows as written", () => {
    const out = safeMarkdown('Before\n\n<script>alert(1)</script>\n\nInline <img src=x onerror="alert(2)"> here.');
    // Every "<" that would open a tag is escaped ("\<"), so a renderer shows it as a character.
    expect(out).not.toMatch(/(^|[^\\])<(script|img)/);
    expect(out).toContain("\\<script>alert(1)");
    expect(out).toContain("\\<img");
  });

  it("keeps only the words of a link or image that does not point to http, https or mailto", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "//evil.example/x"]) {
      const out = safeMarkdown(`Click [here](${url}) or see ![the map](${url}).`);
      expect(out).not.toContain(url.slice(0, 6));
      expect(out).toContain("here");
      expect(out).toContain("the map");
    }
    expect(safeMarkdown("<javascript:alert(1)>")).not.toMatch(/\]\(javascript:|<javascript:/i);
    const reference = safeMarkdown("See [the text][t].\n\n[t]: javascript:alert(1)");
    expect(reference).not.toMatch(/javascript:/i);
  });
});
