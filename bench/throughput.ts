// The throughput search (probes up a ladder of rates, then the best for the full sustain time) and
// the check that follows it: are the tallies in the database and on every client exactly what was sent?
import { tallyKey, type Fleet } from "./clients";
import { describePhase, sustained, type PhaseResult } from "./drive";
import type { Options } from "./options";
import { log } from "./system";
import { pool, type PositionLoad, type World } from "./world";

export interface ThroughputResult {
  probes: PhaseResult[];
  sustainedRate: number;
  confirm: PhaseResult | null;
  confirmed: boolean;
  exact?: ExactResult;
}

export interface ExactResult {
  measuresChecked: number;
  positionsExpected: number;
  dbMismatches: number;
  clientsChecked: number;
  clientMismatches: number;
  examples: string[];
  exact: boolean;
}

/**
 * The highest rate that holds: probes up a ladder (×1.5) until one fails, one probe halfway back,
 * then the best passing rate for the full sustain time (and, if that fails, 80 % of it once).
 */
export async function throughputSearch(
  o: Options,
  name: string,
  run: (rate: number, seconds: number, label: string) => Promise<PhaseResult>,
): Promise<ThroughputResult> {
  const probes: PhaseResult[] = [];
  let best = 0;
  let failedAt = 0;
  for (let rate = o.startRate; rate <= o.maxRate; rate = Math.round(rate * 1.5)) {
    const r = await run(rate, o.probeSeconds, `${name} probe`);
    probes.push(r);
    log(`    ${describePhase(r)} → ${sustained(r, o.p99) ? "holds" : "does not hold"}`);
    if (!sustained(r, o.p99)) {
      failedAt = rate;
      break;
    }
    best = rate;
  }
  if (failedAt && best) {
    const mid = Math.round((best + failedAt) / 2 / 10) * 10;
    const r = await run(mid, o.probeSeconds, `${name} probe`);
    probes.push(r);
    log(`    ${describePhase(r)} → ${sustained(r, o.p99) ? "holds" : "does not hold"}`);
    if (sustained(r, o.p99)) best = mid;
  }
  if (!best) return { probes, sustainedRate: 0, confirm: null, confirmed: false };
  // The full-length run; if the rate does not hold for that long, 80 % of it, at most twice (the
  // probes step by 1.5, so the second try is just under the last step's rate; the whole run must
  // stay within about a quarter of an hour).
  let confirm = await run(best, o.sustainSeconds, `${name} sustained`);
  log(`    ${describePhase(confirm)} → ${sustained(confirm, o.p99) ? "holds" : "does not hold"}`);
  for (let attempt = 0; attempt < 2 && !sustained(confirm, o.p99); attempt++) {
    best = Math.max(1, Math.round((best * 0.8) / 5) * 5);
    confirm = await run(best, o.sustainSeconds, `${name} sustained`);
    log(`    ${describePhase(confirm)} → ${sustained(confirm, o.p99) ? "holds" : "does not hold"}`);
  }
  const ok = sustained(confirm, o.p99);
  return { probes, sustainedRate: ok ? best : 0, confirm, confirmed: ok };
}

/** Compares the tallies in the database and the last tally each client saw with what was sent. */
export async function checkExact(world: World, load: PositionLoad, fleet: Fleet): Promise<ExactResult> {
  const expected = load.expected();
  const examples: string[] = [];
  let dbMismatches = 0;
  const chair = world.users[0]!.cookie;
  const http = world.http[0]!;
  await pool([...expected], 8, async ([measureId, want]) => {
    const got = await http.json<{ tally: Parameters<typeof tallyKey>[0] }>("GET", `/api/measures/${measureId}/tally`, { cookie: chair });
    const key = tallyKey(got.tally);
    if (key !== want) {
      dbMismatches++;
      if (examples.length < 5) examples.push(`db ${measureId}: expected ${want}, got ${key}`);
    }
  });
  const forumOf = new Map<string, number>();
  world.forums.forEach((f, i) => f.measures.forEach((m) => forumOf.set(m, i)));
  let clientMismatches = 0;
  let clientsChecked = 0;
  for (let s = 0; s < fleet.size; s++) {
    if (!fleet.sockets[s]!.connected) continue;
    clientsChecked++;
    const group = fleet.specs[s]!.group;
    const seen = fleet.seen[s]!;
    for (const [measureId, want] of expected) {
      if (forumOf.get(measureId) !== group) continue;
      const tally = seen.get(measureId)?.tally;
      const got = tally && tallyKey(tally);
      if (got !== want) {
        clientMismatches++;
        if (examples.length < 10) examples.push(`client ${s} ${measureId}: expected ${want}, saw ${got ?? "nothing"}`);
      }
    }
  }
  const positionsExpected = load.last.size;
  return {
    measuresChecked: expected.size,
    positionsExpected,
    dbMismatches,
    clientsChecked,
    clientMismatches,
    examples,
    exact: dbMismatches === 0 && clientMismatches === 0,
  };
}
