// The frame every chart sits in: a caption that names it and says what it shows, the chart, and
// the same data as a table — behind a disclosure on screen, always written out where the page is
// a document to print.
export function ChartFigure({
  title,
  description,
  table,
  tableShown = false,
  children,
  className = "",
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  table: React.ReactNode;
  tableShown?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <figure className={`space-y-2 ${className}`}>
      <figcaption>
        <span className="block text-sm font-semibold text-ink">{title}</span>
        {description && <span className="block text-xs text-stone-500">{description}</span>}
      </figcaption>
      {children}
      {tableShown ? (
        table
      ) : (
        <details className="text-sm print:hidden">
          <summary className="cursor-pointer text-xs text-stone-600 hover:text-accent">Show the data as a table</summary>
          <div className="mt-2 overflow-x-auto">{table}</div>
        </details>
      )}
    </figure>
  );
}

/**
 * A compact data table with a caption for screen readers. The first column names each row; the
 * first `textColumns` columns hold words and are left-aligned, the rest numbers, right-aligned.
 */
export function DataTable({
  caption,
  head,
  rows,
  textColumns = 1,
}: {
  caption: string;
  head: React.ReactNode[];
  rows: { key: string; cells: React.ReactNode[] }[];
  textColumns?: number;
}) {
  const align = (i: number) => (i < textColumns ? "text-left" : "text-right tabular-nums whitespace-nowrap");
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-xs text-stone-500">
          {head.map((h, i) => (
            <th key={i} scope="col" className={`py-1 pr-2 font-medium ${align(i)}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-stone-100">
            {r.cells.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="py-1 pr-2 text-left font-normal">
                  {c}
                </th>
              ) : (
                <td key={i} className={`py-1 pr-2 ${align(i)}`}>
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
