import type { Shape } from "./palette";

type Props = { shape: Shape; cx: number; cy: number; r: number; fill: string; stroke: string; strokeWidth: number };

/**
 * A marker of the given shape centred on (cx, cy), with the area of a circle of radius r, so a
 * square and a circle of the same r look equally large.
 */
export function ShapeMark({ shape, cx, cy, r, ...paint }: Props) {
  if (shape === "circle") return <circle cx={cx} cy={cy} r={r} {...paint} />;
  if (shape === "square") {
    const h = (r * Math.sqrt(Math.PI)) / 2;
    return <path d={`M${cx - h} ${cy - h}h${2 * h}v${2 * h}h${-2 * h}z`} {...paint} />;
  }
  if (shape === "diamond") {
    const h = (r * Math.sqrt(Math.PI)) / Math.SQRT2;
    return <path d={`M${cx} ${cy - h}L${cx + h} ${cy}L${cx} ${cy + h}L${cx - h} ${cy}z`} {...paint} />;
  }
  // Equilateral, pointing down, centred on its centroid.
  const a = r * Math.sqrt((4 * Math.PI) / Math.sqrt(3));
  const height = (a * Math.sqrt(3)) / 2;
  return <path d={`M${cx - a / 2} ${cy - height / 3}h${a}L${cx} ${cy + (2 * height) / 3}z`} {...paint} />;
}
