import { countOf, type Counts } from "@/lib/core/tallies";
import { stances } from "@/lib/core/vocabulary";
import { stanceFill } from "./palette";

/**
 * A small 100% bar of support / oppose / abstain for a table row whose numbers are already
 * written out, so it is hidden from screen readers.
 */
export function ShareBar({ counts, width = 120 }: { counts: Counts; width?: number }) {
  const total = countOf(counts);
  let x = 0;
  return (
    <svg aria-hidden viewBox={`0 0 ${width} 10`} width={width} height={10} className="inline-block align-middle">
      <rect width={width} height={10} rx={2} className="fill-stone-100" />
      {total > 0 &&
        stances.map((s) => {
          const w = (counts[s] / total) * width;
          const rect = w > 0 ? <rect key={s} x={x} width={w} height={10} className={stanceFill[s]} /> : null;
          x += w;
          return rect;
        })}
    </svg>
  );
}
