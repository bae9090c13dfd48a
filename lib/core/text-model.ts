// The pure side of negotiating a text: splitting it into paragraphs, joining them back, and the
// word-level redline between two versions. Shared by the server and the browser.
import { diffWords } from "diff";

/** Paragraphs are separated by blank lines, as in Markdown. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join("\n\n");
}

export type RedlineSegment = { kind: "same" | "inserted" | "deleted"; text: string };

/**
 * The word-level changes from `before` to `after`. Adjacent segments of one kind are merged, so
 * a reader sees "deleted: old words / inserted: new words" rather than word-by-word confetti.
 */
export function redline(before: string, after: string): RedlineSegment[] {
  const segments: RedlineSegment[] = [];
  for (const change of diffWords(before, after)) {
    const kind = change.added ? "inserted" : change.removed ? "deleted" : "same";
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else segments.push({ kind, text: change.value });
  }
  return segments;
}

export function changeCount(segments: readonly RedlineSegment[]) {
  return segments.filter((s) => s.kind !== "same").length;
}
