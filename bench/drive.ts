// Open-loop load at a fixed rate: requests are sent on schedule whether or not earlier ones have
// been answered (a closed loop would slow down with the server and hide its queueing), up to a
// bound on requests in flight; a request that the bound holds back counts as skipped, and a
// phase with skipped requests did not sustain its rate.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { cpuMs, machineCpuMs, othersCpuPct, runQueueWaitMs, serviceRoots, treeCpuMs } from "./procs";
import { Histogram, quantileOf, round, sleep, type Summary } from "./stats";
import { newCounters, type PhaseCounters, type Tracker } from "./clients";

export interface PhaseResult {
  name: string;
  rate: number;
  seconds: number;
  clients: number;
  sent: number;
  ok: number;
  failed: number;
  skipped: number;
  achievedRate: number;
  /** Deliveries that never arrived (within the drain time after the phase). */
  lost: number;
  delivered: number;
  /** Time from sending the HTTP request to each socket's event. */
  delivery: Summary;
  /** Time from sending the HTTP request to its response. */
  http: Summary;
  serverCpuPct: number;
  /** Server CPU time per answered write, ms (includes broadcasting it): steady on a busy machine. */
  serverCpuMsPerWrite: number;
  harnessCpuPct: number;
  harnessLoopDelayP99Ms: number;
  /** The load generator's longest stall: every sample waiting on it then looks that much later. */
  harnessLoopDelayMaxMs: number;
  /** CPU of the PostgreSQL / Redis this run started (0 when embedded), % of one core. */
  servicesCpuPct: number;
  /** CPU used by other processes on the machine during the phase, % of one core. */
  othersCpuPct: number;
  /** CPU time the hypervisor took from this machine's virtual CPUs during the phase, % of one core. */
  stealPct: number;
  /**
   * Per second of the phase: writes answered, their HTTP response time p50 and max (ms), the load
   * generator's longest stall (ms: a slow second with a stall here is the harness's), the CPU
   * time the hypervisor took from the machine (ms, summed over both cores), and how long the
   * server's event loop waited, ready, for a CPU the machine's other processes were using (ms).
   */
  timeline: { ok: number; httpP50: number; httpMax: number; harnessStallMs: number; stolenMs: number; serverWaitMs: number }[];
  errors: Record<string, number>;
}

/**
 * Waits (up to `maxWaitMs`) until the rest of the machine, and the hypervisor, use less than
 * `thresholdPct` of a core, so that a phase does not start in the middle of someone else's build.
 */
export async function waitQuiet(pids: number[], maxWaitMs: number, thresholdPct = 25) {
  if (maxWaitMs <= 0) return 0;
  const deadline = performance.now() + maxWaitMs;
  let others = await othersCpuPct(pids);
  while (others > thresholdPct && performance.now() < deadline) others = await othersCpuPct(pids, 2_000);
  return round(others, 0);
}

/** What one write does: send it, and say whether it succeeded (the nonce is the tracker's). */
export type Send = (nonce: number, deliveryHist: Histogram, phase: PhaseCounters, httpHist: Histogram) => Promise<void>;

export async function drive(o: {
  name: string;
  rate: number;
  seconds: number;
  tracker: Tracker;
  clients: number;
  serverPids: number[];
  send: Send;
  maxInFlight?: number;
  drainMs?: number;
}): Promise<PhaseResult> {
  const maxInFlight = o.maxInFlight ?? 2_000;
  const counters = newCounters();
  const delivery = new Histogram();
  const httpHist = new Histogram();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = o.serverPids.map(cpuMs);
  const harness0 = process.cpuUsage();
  const machine0 = machineCpuMs();
  const services0 = treeCpuMs(serviceRoots);
  const perSecond: number[][] = [];
  const timed: Send = async (nonce, hist, phase, httpHist) => {
    const second = Math.floor((performance.now() - start) / 1000);
    const t = performance.now();
    await o.send(nonce, hist, phase, httpHist);
    (perSecond[second] ??= []).push(performance.now() - t);
  };
  const start = performance.now();
  const end = start + o.seconds * 1000;
  let issued = 0;
  let skipped = 0;
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  // At the start of each second: CPU stolen so far, and the server's waits for a CPU so far.
  const mark = () => ({ stolen: machineCpuMs().steal, waited: o.serverPids.reduce((sum, pid) => sum + runQueueWaitMs(pid), 0) });
  const marks = [mark()];
  const stalls: number[] = [];
  let lastTurn = start;
  while (performance.now() < end) {
    const now = performance.now();
    const second = Math.floor((now - start) / 1000);
    stalls[second] = Math.max(stalls[second] ?? 0, now - lastTurn);
    marks[second] ??= mark();
    lastTurn = now;
    const due = Math.floor(((performance.now() - start) / 1000) * o.rate);
    while (issued < due) {
      issued++;
      if (inFlight >= maxInFlight) {
        skipped++;
        continue;
      }
      inFlight++;
      counters.sent++;
      const p = timed(o.tracker.nonce(), delivery, counters, httpHist)
        .catch((error: Error) => {
          counters.failed++;
          const key = error.message.slice(0, 120);
          counters.errors.set(key, (counters.errors.get(key) ?? 0) + 1);
        })
        .finally(() => {
          inFlight--;
          running.delete(p);
        });
      running.add(p);
    }
    await sleep(1);
  }
  const wall = (performance.now() - start) / 1000;
  await Promise.all(running);
  await o.tracker.drain(o.drainMs ?? 10_000);
  const harness = process.cpuUsage(harness0);
  const cpu1 = o.serverPids.map(cpuMs);
  const machine1 = machineCpuMs();
  const last = mark();
  // Approximate: a process that exits during the phase (an autovacuum worker) takes its time along.
  const servicesMs = Math.max(0, treeCpuMs(serviceRoots) - services0);
  loop.disable();
  const serverCpu = cpu1.reduce((s, v, i) => s + (v - cpu0[i]!), 0);
  const harnessMs = (harness.user + harness.system) / 1000;
  const phaseMs = performance.now() - start;
  return {
    name: o.name,
    rate: o.rate,
    seconds: o.seconds,
    clients: o.clients,
    sent: counters.sent,
    ok: counters.ok,
    failed: counters.failed,
    skipped,
    achievedRate: round(counters.ok / wall, 1),
    lost: counters.lost,
    delivered: counters.delivered,
    delivery: delivery.summary(),
    http: httpHist.summary(),
    // Over the whole phase including the drain; 100 % is one core.
    serverCpuPct: round((serverCpu / phaseMs) * 100, 0),
    serverCpuMsPerWrite: round(counters.ok ? serverCpu / counters.ok : NaN, 2),
    harnessCpuPct: round((harnessMs / phaseMs) * 100, 0),
    harnessLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 1),
    harnessLoopDelayMaxMs: round(loop.max / 1e6, 1),
    servicesCpuPct: round((servicesMs / phaseMs) * 100, 0),
    othersCpuPct: round(Math.max(0, ((machine1.busy - machine0.busy - serverCpu - harnessMs - servicesMs) / phaseMs) * 100), 0),
    stealPct: round(((machine1.steal - machine0.steal) / phaseMs) * 100, 1),
    timeline: Array.from({ length: Math.ceil(o.seconds) }, (_, i) => {
      const v = perSecond[i] ?? [];
      return {
        ok: v.length,
        httpP50: v.length ? round(quantileOf(v, 0.5), 1) : 0,
        httpMax: v.length ? round(Math.max(...v), 1) : 0,
        harnessStallMs: round(stalls[i] ?? 0, 1),
        stolenMs: round((marks[i + 1] ?? last).stolen - (marks[i] ?? last).stolen, 0),
        serverWaitMs: round((marks[i + 1] ?? last).waited - (marks[i] ?? last).waited, 1),
      };
    }),
    errors: Object.fromEntries(counters.errors),
  };
}

/** Did the phase hold its rate with every write answered and every event delivered in time? */
export function sustained(r: PhaseResult, p99LimitMs: number) {
  return r.skipped === 0 && r.failed === 0 && r.lost === 0 && r.achievedRate >= 0.95 * r.rate && r.delivery.p99 < p99LimitMs;
}

/** The harness itself could not keep up (one core's worth of event handling, or a stalled loop). */
export function harnessBound(r: PhaseResult) {
  return r.harnessCpuPct >= 90 || r.harnessLoopDelayP99Ms >= 100;
}

/**
 * The hypervisor took a tenth of a core or more from this machine during the phase: the server
 * and the harness stood still at moments nobody here chose (a run with 41 % stolen had a latency
 * p99 of 50 ms where runs of the same build without it had 19-30 ms).
 */
export function stolenBound(r: PhaseResult) {
  return r.stealPct >= 10;
}

export function describePhase(r: PhaseResult) {
  const d = r.delivery;
  const flags = [
    harnessBound(r) ? "THE LOAD GENERATOR WAS SATURATED: latencies are not the server's" : "",
    stolenBound(r) ? `THE HYPERVISOR TOOK ${r.stealPct}% OF A CPU: latencies are not the server's` : "",
    r.failed ? `${r.failed} failed` : "",
    r.skipped ? `${r.skipped} skipped` : "",
    r.lost ? `${r.lost} deliveries lost` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    `${r.name}: ${r.achievedRate}/s of ${r.rate}/s for ${r.seconds} s to ${r.clients} clients — ` +
    `delivery p50 ${d.p50} p95 ${d.p95} p99 ${d.p99} max ${d.max} ms (${d.count} samples); ` +
    `http p50 ${r.http.p50} p99 ${r.http.p99} ms; server CPU ${r.serverCpuPct}% (${r.serverCpuMsPerWrite} ms per write), harness CPU ${r.harnessCpuPct}% ` +
    `(loop delay p99 ${r.harnessLoopDelayP99Ms} max ${r.harnessLoopDelayMaxMs} ms)${r.servicesCpuPct ? `, db/redis ${r.servicesCpuPct}%` : ""}, others ${r.othersCpuPct}%, stolen ${r.stealPct}%${flags ? `; ${flags}` : ""}`
  );
}
