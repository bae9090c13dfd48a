import type { RedlineSegment } from "@/lib/core/text-model";

/**
 * A redline readable in print (underline and strike-through, not colour alone) and by screen
 * readers (<ins>/<del> are not announced by most, so each change says what it is).
 */
export function RedlineView({ segments }: { segments: RedlineSegment[] }) {
  return (
    <div className="prose-concord whitespace-pre-wrap font-serif" data-testid="redline">
      {segments.map((s, i) =>
        s.kind === "same" ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === "inserted" ? (
          <ins key={i} className="bg-emerald-50 text-emerald-900 underline decoration-2">
            <span className="sr-only">[inserted: </span>
            {s.text}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <del key={i} className="bg-orange-50 text-orange-900 line-through decoration-2">
            <span className="sr-only">[deleted: </span>
            {s.text}
            <span className="sr-only">]</span>
          </del>
        ),
      )}
    </div>
  );
}
