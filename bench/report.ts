// What a run reports: Concord's figures as ratios to the floor's, the results table printed at the
// end, and the issue's targets, each met or missed.
import { harnessBound, stolenBound, type PhaseResult } from "./drive";
import type { ModeResult } from "./modes";
import type { Options } from "./options";
import { kb, mb, round } from "./stats";

export function ratios(r: ModeResult) {
  const c = r.concord;
  const f = r.floor;
  if (!c || !f) return undefined;
  const out: Record<string, number> = {};
  if (c.positions && f.positions) {
    out.positionP50 = round(c.positions.delivery.p50 / f.positions.delivery.p50);
    out.positionP99 = round(c.positions.delivery.p99 / f.positions.delivery.p99);
  }
  if (c.comments && f.positions) out.commentP50 = round(c.comments.delivery.p50 / f.positions.delivery.p50);
  if (c.throughput && f.throughput && f.throughput.sustainedRate) out.throughput = round(c.throughput.sustainedRate / f.throughput.sustainedRate);
  return out;
}

export function table(results: ModeResult[], o: Options) {
  const rows: [string, ...string[]][] = [];
  const head: [string, ...string[]] = ["", ...results.flatMap((r) => [`${r.mode}`, "floor", "ratio"])];
  const lat = (p?: PhaseResult) =>
    p ? `${p.delivery.p50} / ${p.delivery.p95} / ${p.delivery.p99} / ${p.delivery.max}${bound(p)}` : "–";
  const cell = (fn: (r: ModeResult) => [string, string, string]) => results.flatMap(fn);
  rows.push([`position → every client, ms p50/p95/p99/max (${o.clients} clients, ${o.rate}/s)`, ...cell((r) => [lat(r.concord?.positions), lat(r.floor?.positions), fmt(r.ratios?.positionP50, "×")])]);
  rows.push([`comment → every client, ms p50/p95/p99/max`, ...cell((r) => [lat(r.concord?.comments), "", fmt(r.ratios?.commentP50, "×")])]);
  rows.push([
    `position HTTP response, ms p50/p99`,
    ...cell((r) => [
      r.concord?.positions ? `${r.concord.positions.http.p50} / ${r.concord.positions.http.p99}` : "–",
      r.floor?.positions ? `${r.floor.positions.http.p50} / ${r.floor.positions.http.p99}` : "–",
      "",
    ]),
  ]);
  rows.push([
    `server CPU per position / comment, ms (at ${o.rate}/s)`,
    ...cell((r) => [
      r.concord?.positions ? `${r.concord.positions.serverCpuMsPerWrite} / ${r.concord.comments?.serverCpuMsPerWrite ?? "–"}` : "–",
      r.floor?.positions ? `${r.floor.positions.serverCpuMsPerWrite}` : "–",
      "",
    ]),
  ]);
  rows.push([
    `sustained positions/s for ${o.sustainSeconds} s, p99 < ${o.p99} ms (${o.throughputClients} clients)`,
    ...cell((r) => [
      r.concord?.throughput ? `${r.concord.throughput.sustainedRate}` : "–",
      r.floor?.throughput ? `${r.floor.throughput.sustainedRate}` : "–",
      fmt(r.ratios?.throughput, "×"),
    ]),
  ]);
  rows.push([
    `exact tallies (database / every client)`,
    ...cell((r) => {
      const e = r.concord?.throughput?.exact;
      return [e ? `${e.dbMismatches === 0 ? "yes" : `NO (${e.dbMismatches})`} / ${e.clientMismatches === 0 ? "yes" : `NO (${e.clientMismatches})`}` : "–", "", ""];
    }),
  ]);
  rows.push([
    `forum page (large), ms p50/p95; HTML KB (gzip); server CPU ms`,
    ...cell((r) => {
      const p = r.concord?.large?.forumPage;
      return [p ? `${p.p50} / ${p.p95}; ${kb(p.htmlBytes)} (${kb(p.gzipBytes)}); CPU ${p.cpuMs}` : "–", "", ""];
    }),
  ]);
  rows.push([
    `measure page (large), ms p50/p95; HTML KB (gzip); server CPU ms`,
    ...cell((r) => {
      const p = r.concord?.large?.measurePage;
      return [p ? `${p.p50} / ${p.p95}; ${kb(p.htmlBytes)} (${kb(p.gzipBytes)}); CPU ${p.cpuMs}` : "–", "", ""];
    }),
  ]);
  rows.push([
    `RSS idle, MB: first start / after setup`,
    ...cell((r) => [r.concord ? `${mb(r.concord.rssIdleStartKb)} / ${mb(r.concord.rssAfterSetupKb)}` : "–", r.floor ? `${mb(r.floor.rssIdleKb)}` : "–", ""]),
  ]);
  rows.push([
    `RSS per connected client at ${o.clients}, KB`,
    ...cell((r) => [r.concord ? `${r.concord.perClientKbAtClients}` : "–", r.floor ? `${r.floor.perClientKbAtClients}` : "–", ""]),
  ]);
  rows.push([
    `RSS per client at ${o.bigClients}, KB (average / added)`,
    ...cell((r) => {
      const b = r.concord?.big;
      return [b ? `${b.perClientKbAverage} / ${b.perClientKbMarginal}${b.connected ? "" : " (NOT all connected)"}` : "–", "", ""];
    }),
  ]);
  rows.push([
    `position → every client at ${o.bigClients} (${o.bigRate}/s), ms p50/p99`,
    ...cell((r) => {
      const p = r.concord?.big?.positions;
      return [p ? `${p.delivery.p50} / ${p.delivery.p99}${bound(p)}` : "–", "", ""];
    }),
  ]);
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  return [line(head), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

/** Why a phase's latencies are not the server's, if they are not. */
const bound = (p: PhaseResult) => `${harnessBound(p) ? " (harness-bound)" : ""}${stolenBound(p) ? ` (${p.stealPct}% stolen)` : ""}`;

/** The issue's targets (one embedded instance), each met or missed, from this run's figures. */
export function targets(results: ModeResult[], o: Options) {
  const r = results.find((x) => x.mode === "embedded");
  const c = r?.concord;
  if (!c) return [];
  const out: { target: string; value: string; met: boolean | null }[] = [];
  const add = (target: string, value: string, met: boolean | null) => out.push({ target, value, met });
  if (c.positions) {
    const why = bound(c.positions);
    add(`position → every client p50 ≤ 10 ms at ${o.clients} clients, ${o.rate}/s`, `${c.positions.delivery.p50} ms${why}`, c.positions.delivery.p50 <= 10);
    add(`position → every client p99 ≤ 30 ms`, `${c.positions.delivery.p99} ms${why}`, c.positions.delivery.p99 <= 30);
  }
  if (c.throughput) {
    add(`≥ 1,000 positions/s for ${o.sustainSeconds} s (p99 < ${o.p99} ms)`, `${c.throughput.sustainedRate}/s`, c.throughput.sustainedRate >= 1000);
    const e = c.throughput.exact;
    if (e) add("exact tallies (database and every client)", `${e.dbMismatches} / ${e.clientMismatches} mismatches`, e.exact);
  }
  if (c.large) {
    add("forum page of the large forum p50 ≤ 100 ms", `${c.large.forumPage.p50} ms`, c.large.forumPage.p50 <= 100);
    add("forum page HTML ≤ 300 KB", `${kb(c.large.forumPage.htmlBytes)} KB`, c.large.forumPage.htmlBytes <= 300 * 1024);
  }
  add(`≤ 50 KB RSS per connected idle client (at ${o.clients})`, `${c.perClientKbAtClients} KB`, c.perClientKbAtClients <= 50);
  if (c.big) {
    // The average over all clients: the difference between two counts is at the mercy of a GC.
    add(`≤ 50 KB RSS per connected idle client (at ${o.bigClients})`, `${c.big.perClientKbAverage} KB`, c.big.perClientKbAverage <= 50);
    add(`${o.bigClients} connected clients on one instance`, c.big.connected ? "all connected" : `failed: ${c.big.error ?? ""}`.slice(0, 80), c.big.connected);
  }
  if (r?.ratios?.positionP50 !== undefined) add("Concord p50 latency ≤ 2× the floor's", `${r.ratios.positionP50}×`, r.ratios.positionP50 <= 2);
  return out;
}

const fmt = (n: number | undefined, unit = "") => (n === undefined || !Number.isFinite(n) ? "" : `${n}${unit}`);
