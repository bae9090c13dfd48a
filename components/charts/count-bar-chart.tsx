// One bar per category with its count written beside it, each bar in its category's colour and
// with its shape, e.g. measures by status.
import { ChartFigure, DataTable } from "./chart-figure";
import { INK, type Shape } from "./palette";
import { ShapeMark } from "./shape";

export type CountRow = { key: string; label: string; value: number; fill: string; shape: Shape };

const ROW = 26;
const LABEL = 130;

export function CountBarChart({
  title,
  description,
  rows,
  width = 420,
  firstColumn,
}: {
  title: string;
  description?: React.ReactNode;
  rows: CountRow[];
  width?: number;
  firstColumn: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barMax = width - LABEL - 36;
  return (
    <ChartFigure
      title={title}
      description={description}
      table={<DataTable caption={title} head={[firstColumn, "Count"]} rows={rows.map((r) => ({ key: r.key, cells: [r.label, r.value] }))} />}
    >
      <svg
        viewBox={`0 0 ${width} ${rows.length * ROW}`}
        className="block h-auto w-full"
        role="img"
        aria-label={`${title}: ${rows.map((r) => `${r.label} ${r.value}`).join(", ")}.`}
      >
        {rows.map((r, i) => {
          const y = i * ROW;
          const w = (r.value / max) * barMax;
          return (
            <g key={r.key} data-row={r.key}>
              <ShapeMark shape={r.shape} cx={7} cy={y + 13} r={5.5} fill={r.fill} stroke={INK} strokeWidth={1} />
              <text x={18} y={y + 17} className="fill-stone-700 text-[12px]">
                {r.label}
              </text>
              <rect x={LABEL} y={y + 6} width={barMax} height={14} rx={3} className="fill-stone-100" />
              {w > 0 && <rect x={LABEL} y={y + 6} width={w} height={14} rx={3} fill={r.fill} stroke={INK} strokeWidth={0.75} />}
              <text x={LABEL + Math.max(w, 0) + 6} y={y + 17} className="fill-ink text-[12px] font-semibold tabular-nums">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}
