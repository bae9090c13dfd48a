// CSV the way spreadsheets read it: every cell quoted (RFC 4180), CRLF line ends, and text that a
// spreadsheet would run as a formula defused with a leading apostrophe, since exports carry text
// that delegations typed.
export type CsvValue = string | number | null;

function cell(value: CsvValue): string {
  if (value === null) return '""';
  if (typeof value === "number") return `"${value}"`;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv<K extends string>(columns: readonly K[], rows: readonly Record<K, CsvValue>[]): string {
  const lines = [columns.map(cell).join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))];
  return lines.join("\r\n") + "\r\n";
}
