// How a moment is written for people. The server sends moments as ISO 8601 strings in UTC
// (Date.toISOString); cutting the string, rather than formatting a Date, gives the same text on
// the server and in every browser whatever its locale and time zone, so delegates in different
// capitals quote the same time and a server-rendered page hydrates without a mismatch.

/** "2026-12-02 14:05 UTC" */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** "2026-12-02 14:05:09", for a table whose heading names the zone. */
export function utcSecond(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

/** "2026-12-02" */
export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}

/** "12-02 14:05": for a history or a chart that spans days, where the year would be noise. */
export function shortMinute(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
