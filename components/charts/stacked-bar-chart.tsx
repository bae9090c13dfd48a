// Horizontal stacked bars, one row per camp or group: the bar's length is the row's total (so
// larger camps show longer bars) and its segments the parts, with the numbers written beside it.
// Plain SVG with a viewBox: it renders on the server and keeps its height while the page loads.
import { ChartFigure, DataTable } from "./chart-figure";

export type Segment<K extends string> = { key: K; label: string; fill: string };
export type BarRow<K extends string> = { key: string; label: string; values: Record<K, number> };

const ROW = 36;
const BAR = 12;

export function StackedBarChart<K extends string>({
  title,
  description,
  rows,
  segments,
  width = 320,
  firstColumn,
  tableShown,
  emptyText = "none",
}: {
  title: string;
  description?: React.ReactNode;
  rows: BarRow<K>[];
  segments: Segment<K>[];
  /** Width of the drawing in viewBox units: about the pixels it will have, so text stays ~12px. */
  width?: number;
  firstColumn: string;
  tableShown?: boolean;
  emptyText?: string;
}) {
  const totalOf = (r: BarRow<K>) => segments.reduce((n, s) => n + r.values[s.key], 0);
  const max = Math.max(1, ...rows.map(totalOf));
  const height = rows.length * ROW + 2;
  const numbers = (r: BarRow<K>) => (totalOf(r) === 0 ? emptyText : segments.map((s) => r.values[s.key]).join(" / "));
  const spoken = rows
    .map((r) => `${r.label}: ${totalOf(r) === 0 ? emptyText : segments.map((s) => `${r.values[s.key]} ${s.label.toLowerCase()}`).join(", ")}`)
    .join("; ");

  return (
    <ChartFigure
      title={title}
      description={description}
      tableShown={tableShown}
      table={
        <DataTable
          caption={title}
          head={[firstColumn, ...segments.map((s) => s.label), "Total"]}
          rows={rows.map((r) => ({ key: r.key, cells: [r.label, ...segments.map((s) => r.values[s.key]), totalOf(r)] }))}
        />
      }
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="block h-auto w-full" role="img" aria-label={`${title}. ${spoken}.`}>
        {rows.map((r, i) => {
          const y = i * ROW;
          let x = 0;
          return (
            <g key={r.key} data-row={r.key}>
              <text x={0} y={y + 12} className="fill-stone-700 text-[12px]">
                {r.label}
              </text>
              <text x={width} y={y + 12} textAnchor="end" className="fill-stone-600 text-[12px] tabular-nums">
                {numbers(r)}
              </text>
              <rect x={0} y={y + 18} width={width} height={BAR} rx={3} className="fill-stone-100" />
              {segments.map((s) => {
                const w = (r.values[s.key] / max) * width;
                const rect = w > 0 ? <rect key={s.key} x={x} y={y + 18} width={w} height={BAR} className={s.fill} /> : null;
                x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600" aria-label="Key">
        {segments.map((s) => (
          <li key={s.key} className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="10" height="10" className="shrink-0">
              <rect width="10" height="10" rx="2" className={s.fill} />
            </svg>
            {s.label}
          </li>
        ))}
        <li className="text-stone-500">Numbers: {segments.map((s) => s.label).join(" / ")}</li>
      </ul>
    </ChartFigure>
  );
}
