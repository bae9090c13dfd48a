// `npm run bench`: starts Concord in production mode on a fresh database, builds forums and
// members through its API, drives it with real socket.io-client connections and HTTP clients,
// does the same to a bare floor server, prints a table and writes bench/results/<date>.json.
// See bench/README.md for what is measured and how; `npm run bench -- --help` for the flags.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { Fleet, Tracker, type SocketSpec } from "./clients";
import { describePhase, drive, harnessBound, stolenBound, sustained, waitQuiet, type PhaseResult, type Send } from "./drive";
import { HttpClient } from "./http";
import { rssKb, startConcord, startFloor, startPrivatePostgres, startPrivateRedis, type Proc } from "./procs";
import { makeLargeForum, seedLargeBulk, seedLargeViaApi, timePage, type LargeForum, type PageResult } from "./seed-large";
import { round, sleep } from "./stats";
import {
  commentSender,
  concordSocketSpecs,
  floorSender,
  makeForums,
  pool,
  PositionLoad,
  proposeMeasures,
  signInUsers,
  type World,
} from "./world";
import { tallyKey } from "./clients";

const ROOT = path.join(__dirname, "..");
type Mode = "embedded" | "postgres" | "multi";

const HELP = `npm run bench [-- flags]

  --quick                 a smoke run of about two minutes (fewer clients, short phases, small large forum)
  --modes a,b             embedded, postgres, multi (default: embedded, plus postgres when DATABASE_URL
                          is set, plus multi when DATABASE_URL and REDIS_URL are set). postgres and multi
                          without DATABASE_URL / REDIS_URL start a private PostgreSQL / Redis if the
                          binaries are installed.
  --clients N             connected clients (sockets) for latency and throughput (1000)
  --forums N              forums the clients are spread over (10)
  --users N               accounts, each with several sockets (100)
  --rate N                positions (and comments) per second in the latency phases (50)
  --latency-seconds N     length of each latency phase (20)
  --measures N            measures per forum for the position load (50)
  --p99 N                 the p99 limit in ms that a sustained rate must keep (150)
  --probe-seconds N       length of each throughput probe (6)
  --sustain-seconds N     length of the confirming throughput run (60)
  --start-rate N          the first rate the throughput search tries; then ×1.5 per step (50)
  --max-rate N            the highest rate the throughput search tries (5000)
  --throughput-clients N  clients that stay connected for the throughput search (100; see README:
                          one load-generator process receives at most ~45,000 events/s here)
  --big-clients N         the large connection count for memory (10000)
  --big-rate N            positions per second for the latency probe at that count (5)
  --large M,C,P           the large forum: measures, comments, positions (200,10000,20000)
  --page-samples N        timed requests per page (50)
  --large-via-api         write the large forum's positions and comments through the API too
                          (default: its forum, members and measures through the API, the rows in bulk)
  --quiet-wait N          before each phase, wait up to N s for other processes on the machine to use
                          less than a quarter of a core (10; 0 turns it off)
  --skip a,b              phases to skip: floor, comments, throughput, big, pages
  --profile               run Concord with --cpu-prof; profiles go to bench/results/profiles/
  --label TEXT            added to the result file name and the table
  --app-dir DIR           the app to run (default: this repository; or BENCH_APP_DIR). Needs
                          .next/ and dist/server.js from \`npm run build\`.
  --out DIR               where results go (bench/results)
`;

interface Options {
  quick: boolean;
  modes: Mode[];
  clients: number;
  forums: number;
  users: number;
  rate: number;
  latencySeconds: number;
  measures: number;
  p99: number;
  probeSeconds: number;
  sustainSeconds: number;
  maxRate: number;
  startRate: number;
  throughputClients: number;
  bigClients: number;
  bigRate: number;
  large: { measures: number; comments: number; positions: number };
  pageSamples: number;
  largeViaApi: boolean;
  quietWait: number;
  skip: Set<string>;
  profile: boolean;
  label: string;
  appDir: string;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`Unexpected argument ${a} (see --help)`);
    const [k, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    if (["quick", "profile", "help", "large-via-api"].includes(k)) flags.set(k, "true");
    else flags.set(k, inline ?? argv[++i] ?? "");
  }
  if (flags.has("help")) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = flags.has("quick");
  const num = (k: string, full: number, small: number) => {
    const v = flags.get(k);
    if (v === undefined) return quick ? small : full;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a number`);
    return n;
  };
  const defaultModes: Mode[] = ["embedded"];
  if (process.env.DATABASE_URL) defaultModes.push("postgres");
  if (process.env.DATABASE_URL && process.env.REDIS_URL) defaultModes.push("multi");
  const modes = (flags.get("modes")?.split(",").filter(Boolean) as Mode[] | undefined) ?? defaultModes;
  for (const m of modes) if (!["embedded", "postgres", "multi"].includes(m)) throw new Error(`Unknown mode ${m}`);
  const largeArg = flags.get("large")?.split(",").map(Number);
  const large = largeArg
    ? { measures: largeArg[0]!, comments: largeArg[1]!, positions: largeArg[2]! }
    : quick
      ? { measures: 20, comments: 500, positions: 1000 }
      : { measures: 200, comments: 10_000, positions: 20_000 };
  return {
    quick,
    modes,
    clients: num("clients", 1000, 200),
    forums: num("forums", 10, 4),
    users: num("users", 100, 20),
    rate: num("rate", 50, 50),
    latencySeconds: num("latency-seconds", 20, 5),
    measures: num("measures", 50, 20),
    p99: num("p99", 150, 150),
    probeSeconds: num("probe-seconds", 6, 4),
    sustainSeconds: num("sustain-seconds", 60, 10),
    maxRate: num("max-rate", 5000, 1000),
    startRate: num("start-rate", 50, 50),
    throughputClients: num("throughput-clients", 100, 40),
    bigClients: num("big-clients", 10_000, 1000),
    bigRate: num("big-rate", 5, 5),
    large,
    pageSamples: num("page-samples", 50, 10),
    largeViaApi: flags.has("large-via-api"),
    quietWait: num("quiet-wait", 10, 5),
    skip: new Set(flags.get("skip")?.split(",").filter(Boolean) ?? []),
    profile: flags.has("profile"),
    label: flags.get("label") ?? "",
    appDir: path.resolve(flags.get("app-dir") ?? process.env.BENCH_APP_DIR ?? ROOT),
    out: path.resolve(flags.get("out") ?? path.join(ROOT, "bench", "results")),
  };
}

const log = (s: string) => console.log(s);
const elapsed = (t: number) => `${round((performance.now() - t) / 1000, 1)} s`;

function openFilesLimit(): { soft: number; hard: number } {
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(fs.readFileSync("/proc/self/limits", "utf8"));
  const n = (s: string | undefined) => (s === "unlimited" || s === undefined ? Infinity : Number(s));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** Re-runs this process with a higher open-files limit when 10,000 sockets would not fit. */
function ensureOpenFiles(needed: number) {
  const { soft, hard } = openFilesLimit();
  if (soft >= needed || process.env.BENCH_ULIMIT_RAISED) return;
  const target = Math.min(hard, Math.max(needed, 65_536));
  if (target <= soft) {
    log(`! open-files limit is ${soft} (hard ${hard}); ${needed} would be needed: large connection counts may fail.`);
    return;
  }
  log(`Raising the open-files limit from ${soft} to ${target} (ulimit -n) and restarting the harness.`);
  const args = [...process.execArgv, ...process.argv.slice(1)].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("sh", ["-c", `ulimit -n ${target} && exec '${process.execPath}' ${args}`], {
    stdio: "inherit",
    env: { ...process.env, BENCH_ULIMIT_RAISED: "1" },
  });
  process.exit(r.status ?? 1);
}

function checkBuild(appDir: string) {
  const buildId = path.join(appDir, ".next", "BUILD_ID");
  const server = path.join(appDir, "dist", "server.js");
  if (!fs.existsSync(buildId) || !fs.existsSync(server)) {
    console.error(
      `No production build in ${appDir} (.next/BUILD_ID and dist/server.js are needed).\n` +
        `Run \`npm run build\` first${appDir === ROOT ? "" : " in that directory"}, then \`npm run bench\` again.`,
    );
    process.exit(2);
  }
  if (appDir === ROOT) {
    const newest = (p: string): number => {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st) return 0;
      if (!st.isDirectory()) return st.mtimeMs;
      return Math.max(0, ...fs.readdirSync(p).map((n) => newest(path.join(p, n))));
    };
    const built = Math.min(fs.statSync(buildId).mtimeMs, fs.statSync(server).mtimeMs);
    const sources = Math.max(...["app", "components", "lib", "db", "server.ts"].map((p) => newest(path.join(ROOT, p))));
    if (sources > built) log("! The sources are newer than the build: the figures are for the build (run `npm run build` to measure the sources).");
  }
  return fs.readFileSync(buildId, "utf8").trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Creates a fresh database on the server of `url`; returns its URL and how to drop it. */
async function freshDatabase(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

async function settledRss(pids: number[], ms = 4_000) {
  await sleep(ms);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(pids.reduce((s, pid) => s + rssKb(pid), 0));
    await sleep(300);
  }
  return samples.sort((a, b) => a - b)[1]!;
}

interface ThroughputResult {
  probes: PhaseResult[];
  sustainedRate: number;
  confirm: PhaseResult | null;
  confirmed: boolean;
  exact?: ExactResult;
}

interface ExactResult {
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
async function throughputSearch(
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
async function checkExact(world: World, load: PositionLoad, fleet: Fleet): Promise<ExactResult> {
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

interface ConcordResult {
  instances: number;
  buildId: string;
  startSeconds: number;
  setupSeconds: number;
  connectSeconds: number;
  rssIdleStartKb: number;
  rssAfterSetupKb: number;
  rssAtClientsKb: number;
  perClientKbAtClients: number;
  positions?: PhaseResult;
  comments?: PhaseResult;
  big?: {
    clients: number;
    connected: boolean;
    connectSeconds: number;
    rssKb: number;
    perClientKbAverage: number;
    perClientKbMarginal: number;
    positions?: PhaseResult;
    error?: string;
  };
  throughput?: ThroughputResult;
  large?: { seconds: number; via: "api" | "bulk"; writesPerSecond?: number; failed?: number; forumPage: PageResult; measurePage: PageResult };
  gaps: number;
  disconnects: number;
}

interface FloorResult {
  instances: number;
  rssIdleKb: number;
  rssAtClientsKb: number;
  perClientKbAtClients: number;
  positions?: PhaseResult;
  throughput?: ThroughputResult;
}

async function runFloor(o: Options, mode: Mode, env: { dataDir: string; logDir: string; databaseUrl?: string; redisUrl?: string }): Promise<FloorResult> {
  const n = mode === "multi" ? 2 : 1;
  const procs: Proc[] = [];
  try {
    for (let i = 0; i < n; i++) {
      procs.push(
        await startFloor({
          port: await freePort(),
          dataDir: path.join(env.dataDir, `floor-${i}`),
          logDir: env.logDir,
          name: `floor-${mode}-${i}`,
          databaseUrl: env.databaseUrl,
          redisUrl: env.redisUrl,
        }),
      );
    }
    const pids = procs.map((p) => p.pid);
    const tracker = new Tracker();
    const fleet = new Fleet("floor", tracker);
    const http = procs.map((p) => new HttpClient(p.url, 128));
    const send: Send = floorSender(http, o.forums, tracker);
    // Warm up without clients, so that the idle figure is not start-up garbage.
    await drive({ name: "warm-up", rate: o.rate, seconds: 3, tracker, clients: 0, serverPids: pids, send, drainMs: 2_000 });
    const rssIdleKb = await settledRss(pids);
    const specs: SocketSpec[] = Array.from({ length: o.clients }, (_, i) => ({
      url: procs[i % n]!.url,
      group: i % o.forums,
      room: `room-${i % o.forums}`,
    }));
    const t = performance.now();
    await fleet.connect(specs);
    log(`  floor: ${o.clients} clients connected in ${elapsed(t)}`);
    const rssAtClientsKb = await settledRss(pids);
    const run = async (rate: number, seconds: number, name: string) => {
      await waitQuiet(pids, o.quietWait * 1000);
      return drive({ name, rate, seconds, tracker, clients: fleet.size, serverPids: pids, send });
    };
    const result: FloorResult = {
      instances: n,
      rssIdleKb,
      rssAtClientsKb,
      perClientKbAtClients: round((rssAtClientsKb - rssIdleKb) / o.clients, 1),
    };
    await drive({ name: "warm-up", rate: o.rate, seconds: 3, tracker, clients: fleet.size, serverPids: pids, send, drainMs: 2_000 });
    result.positions = await run(o.rate, o.latencySeconds, "floor latency");
    log(`  ${describePhase(result.positions)}`);
    if (!o.skip.has("throughput")) {
      if (fleet.size > o.throughputClients) await fleet.disconnect(fleet.size - o.throughputClients);
      log(`  floor throughput search (${fleet.size} clients):`);
      result.throughput = await throughputSearch(o, "floor", run);
    }
    await fleet.disconnect();
    http.forEach((h) => h.close());
    return result;
  } finally {
    for (const p of procs) await p.stop();
  }
}

async function runConcord(
  o: Options,
  mode: Mode,
  env: { dataDir: string; logDir: string; databaseUrl?: string; redisUrl?: string; buildId: string; profileDir?: string },
): Promise<ConcordResult> {
  const n = mode === "multi" ? 2 : 1;
  const secret = randomBytes(32).toString("base64url");
  let procs: Proc[] = [];
  const ports: number[] = [];
  for (let i = 0; i < n; i++) ports.push(await freePort());
  const startAll = async () => {
    const started: Proc[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0) await sleep(500);
      started.push(
        await startConcord({
          appDir: o.appDir,
          port: ports[i]!,
          dataDir: path.join(env.dataDir, `concord-${i}`),
          logDir: env.logDir,
          name: `concord-${mode}-${i}`,
          databaseUrl: env.databaseUrl,
          redisUrl: env.redisUrl,
          secret,
          nodeArgs: env.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${env.profileDir}`] : [],
        }),
      );
    }
    return started;
  };
  const tStart = performance.now();
  try {
    procs = await startAll();
    const startSeconds = round((performance.now() - tStart) / 1000, 1);
    let pids = procs.map((p) => p.pid);
    log(`  concord: ${n} instance(s) ready in ${startSeconds} s (pid ${pids.join(", ")})`);
    const rssIdleStartKb = await settledRss(pids, 2_000);

    // Forums and members, through the API.
    const tSetup = performance.now();
    let http = procs.map((p) => new HttpClient(p.url, 128));
    const users = await signInUsers(http[0]!, o.users, `${mode}-${Date.now().toString(36)}`);
    const forums = await makeForums(http[0]!, users, o.forums, "Benchmark forum");
    for (const forum of forums) await proposeMeasures(http[0]!, users[0]!.cookie, forum, o.measures);
    log(`  concord: ${o.users} users signed in, ${o.forums} forums, ${o.forums * o.measures} measures in ${elapsed(tSetup)}`);

    // The large forum for the page timings: made now, timed at the end.
    let large: LargeForum | undefined;
    let largeSeed: { seconds: number; via: "api" | "bulk"; writesPerSecond?: number; failed?: number } | undefined;
    if (!o.skip.has("pages")) {
      const t = performance.now();
      log(`  large forum: ${o.large.measures} measures, ${o.large.comments} comments, ${o.large.positions} positions${o.largeViaApi ? " (all through the API)" : ""}…`);
      if (o.largeViaApi) {
        const seeded = await seedLargeViaApi(http[0]!, users, o.large, log);
        large = { forum: seeded.forum, members: [] };
        largeSeed = { seconds: seeded.seedSeconds, via: "api", writesPerSecond: seeded.writesPerSecond, failed: seeded.failed };
      } else {
        large = await makeLargeForum(http[0]!, users, o.large.measures);
        if (env.databaseUrl) {
          await seedLargeBulk({ databaseUrl: env.databaseUrl }, large, o.large, log);
        } else {
          // PGlite serves one process: stop the server, insert, start it again.
          http.forEach((h) => h.close());
          for (const p of procs) await p.stop();
          await seedLargeBulk({ pgliteDir: path.join(env.dataDir, "concord-0", "pglite") }, large, o.large, log);
          procs = await startAll();
          pids = procs.map((p) => p.pid);
          http = procs.map((p) => new HttpClient(p.url, 128));
          log(`    restarted (pid ${pids.join(", ")})`);
        }
        largeSeed = { seconds: round((performance.now() - t) / 1000, 1), via: "bulk" };
      }
    }
    const world: World = { http, users, forums };
    const setupSeconds = round((performance.now() - tSetup) / 1000, 1);
    const positions = new PositionLoad(world, tracker0());
    // Warm up (JIT, caches, connection pools) with a few seconds of writes before anything is timed.
    const tracker = positions.tracker;
    const comments = commentSender(world, tracker);
    const warm = (send: Send, seconds: number) => drive({ name: "warm-up", rate: o.rate, seconds, tracker, clients: 0, serverPids: pids, send, drainMs: 2_000 });
    await warm(positions.send, 3);
    await warm(comments, 2);
    const rssAfterSetupKb = await settledRss(pids);

    const fleet = new Fleet("concord", tracker);
    const urls = procs.map((p) => p.url);
    const tConnect = performance.now();
    await fleet.connect(concordSocketSpecs(world, urls, 0, o.clients));
    const connectSeconds = round((performance.now() - tConnect) / 1000, 1);
    const rssAtClientsKb = await settledRss(pids);
    log(`  concord: ${o.clients} clients connected and joined in ${connectSeconds} s; RSS ${mb(rssAtClientsKb)} MB (${mb(rssAfterSetupKb)} MB before)`);
    await warm(positions.send, 2);

    const result: ConcordResult = {
      instances: n,
      buildId: env.buildId,
      startSeconds,
      setupSeconds,
      connectSeconds,
      rssIdleStartKb,
      rssAfterSetupKb,
      rssAtClientsKb,
      perClientKbAtClients: round((rssAtClientsKb - rssAfterSetupKb) / o.clients, 1),
      gaps: 0,
      disconnects: 0,
    };

    const run = (name: string, send: Send) => async (rate: number, seconds: number, label = name) => {
      await waitQuiet(pids, o.quietWait * 1000);
      return drive({ name: label, rate, seconds, tracker, clients: fleet.size, serverPids: pids, send });
    };
    const runPositions = run("positions", positions.send);

    result.positions = await runPositions(o.rate, o.latencySeconds, "position latency");
    log(`  ${describePhase(result.positions)}`);
    if (!o.skip.has("comments")) {
      result.comments = await run("comments", comments)(o.rate, o.latencySeconds, "comment latency");
      log(`  ${describePhase(result.comments)}`);
    }

    if (!o.skip.has("big") && o.bigClients > o.clients) {
      const t = performance.now();
      const big: NonNullable<ConcordResult["big"]> = {
        clients: o.bigClients,
        connected: false,
        connectSeconds: 0,
        rssKb: 0,
        perClientKbAverage: 0,
        perClientKbMarginal: 0,
      };
      result.big = big;
      const before = await settledRss(pids, 1_000);
      fleet.keepTallies = false;
      try {
        await fleet.connect(concordSocketSpecs(world, urls, o.clients, o.bigClients), 100, (d) =>
          log(`    ${o.clients + d} connected (${elapsed(t)})`),
        );
        big.connected = true;
      } catch (error) {
        big.error = (error as Error).message;
        log(`  ! ${o.bigClients} clients: ${big.error}`);
      }
      big.connectSeconds = round((performance.now() - t) / 1000, 1);
      big.rssKb = await settledRss(pids);
      big.perClientKbAverage = round((big.rssKb - rssAfterSetupKb) / fleet.size, 1);
      big.perClientKbMarginal = round((big.rssKb - before) / (fleet.size - o.clients), 1);
      log(
        `  concord: ${fleet.size} clients connected in ${big.connectSeconds} s; RSS ${mb(big.rssKb)} MB ` +
          `(${big.perClientKbAverage} KB per client on average, ${big.perClientKbMarginal} KB per added client)`,
      );
      if (big.connected) {
        // A lower rate: every position goes to 1,000 sockets per forum here, and one load
        // generator receives at most ~45,000 events/s (see README).
        big.positions = await runPositions(o.bigRate, Math.min(o.latencySeconds, 10), `position latency at ${fleet.size}`);
        log(`  ${describePhase(big.positions)}`);
      }
      await fleet.disconnect(fleet.size - o.clients);
      fleet.keepTallies = true;
      // The added sockets' tallies were not kept; the first o.clients sockets kept theirs throughout.
    }

    if (!o.skip.has("throughput")) {
      // The first sockets stay: socket i is in forum i % F, so they are spread over the forums.
      if (fleet.size > o.throughputClients) await fleet.disconnect(fleet.size - o.throughputClients);
      log(`  concord throughput search (${fleet.size} clients):`);
      const tp = await throughputSearch(o, "concord", runPositions);
      log("  checking the tallies (database and every client) against the positions sent…");
      const burst = await positions.burst(0);
      log(`    burst: every member changed position on one measure per forum at once (${burst.sent} writes, ${burst.failed} failed)`);
      await sleep(1_000);
      tp.exact = await checkExact(world, positions, fleet);
      log(
        `    ${tp.exact.positionsExpected} distinct positions on ${tp.exact.measuresChecked} measures; ` +
          `database mismatches ${tp.exact.dbMismatches}, client mismatches ${tp.exact.clientMismatches} over ${tp.exact.clientsChecked} clients` +
          (tp.exact.examples.length ? `\n      ${tp.exact.examples.join("\n      ")}` : ""),
      );
      result.throughput = tp;
    }
    result.gaps = tracker.gaps;
    result.disconnects = tracker.disconnects;
    await fleet.disconnect();

    if (large && largeSeed) {
      const chair = users[0]!.cookie;
      await waitQuiet(pids, o.quietWait * 1000);
      const forumPage = await timePage(http[0]!, chair, `/forums/${large.forum.id}`, o.pageSamples, pids);
      const measurePage = await timePage(http[0]!, chair, `/forums/${large.forum.id}/measures/${large.forum.measures[0]}`, o.pageSamples, pids);
      for (const p of [forumPage, measurePage]) {
        log(`    ${p.path.replace(/[0-9a-f-]{36}/g, ":id")}: ${p.status}, p50 ${p.p50} ms, p95 ${p.p95} ms, ${p.cpuMs} ms server CPU per request, ${kb(p.htmlBytes)} KB HTML (${kb(p.gzipBytes)} KB gzip)`);
      }
      result.large = { ...largeSeed, forumPage, measurePage };
    }
    http.forEach((h) => h.close());
    return result;
  } finally {
    for (const p of procs) await p.stop();
  }
}

const mb = (k: number) => round(k / 1024, 0);
const kb = (b: number) => round(b / 1024, 1);

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "?",
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

interface ModeResult {
  mode: Mode;
  floor?: FloorResult;
  concord?: ConcordResult;
  error?: string;
  ratios?: Record<string, number>;
}

function ratios(r: ModeResult) {
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

function table(results: ModeResult[], o: Options) {
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

const tracker0 = () => new Tracker();

/** The issue's targets (one embedded instance), each met or missed, from this run's figures. */
/** Why a phase's latencies are not the server's, if they are not. */
const bound = (p: PhaseResult) => `${harnessBound(p) ? " (harness-bound)" : ""}${stolenBound(p) ? ` (${p.stealPct}% stolen)` : ""}`;

function targets(results: ModeResult[], o: Options) {
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

async function main() {
  const o = parseArgs(process.argv.slice(2));
  ensureOpenFiles(o.bigClients + 2_000);
  const buildId = checkBuild(o.appDir);
  const stamp = new Date().toISOString().replace(/:/g, "").replace(/\..*/, "").replace("T", "-");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-${stamp}-`));
  const logDir = path.join(work, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(o.out, { recursive: true });
  const started = performance.now();
  log(`Concord benchmark ${stamp}${o.label ? ` (${o.label})` : ""}: app ${o.appDir} (build ${buildId}), modes ${o.modes.join(", ")}`);
  log(`  ${o.clients} clients over ${o.forums} forums, ${o.users} users; work dir ${work} (server logs in logs/)`);
  const results: ModeResult[] = [];
  const stops: (() => Promise<void>)[] = [];
  try {
    let pgUrl = process.env.DATABASE_URL;
    let redisUrl = process.env.REDIS_URL;
    for (const mode of o.modes) {
      const t = performance.now();
      log(`\n== ${mode} ==`);
      const r: ModeResult = { mode };
      results.push(r);
      try {
        let databaseUrl: string | undefined;
        let drop: (() => Promise<void>) | undefined;
        let redis: string | undefined;
        if (mode !== "embedded") {
          if (!pgUrl) {
            log("  DATABASE_URL is not set: starting a private PostgreSQL");
            const pgServer = await startPrivatePostgres(await freePort(), logDir);
            stops.push(pgServer.stop);
            pgUrl = pgServer.url;
          }
          const fresh = await freshDatabase(pgUrl, `concord_bench_${stamp.replace(/-/g, "_")}_${mode}`);
          databaseUrl = fresh.url;
          drop = fresh.drop;
        }
        if (mode === "multi") {
          if (!redisUrl) {
            log("  REDIS_URL is not set: starting a private Redis");
            const redisServer = await startPrivateRedis(await freePort(), logDir);
            stops.push(redisServer.stop);
            redisUrl = redisServer.url;
          }
          redis = redisUrl;
        }
        const dataDir = path.join(work, mode);
        try {
          if (!o.skip.has("floor")) r.floor = await runFloor(o, mode, { dataDir, logDir, databaseUrl, redisUrl: redis });
          const profileDir = o.profile ? path.join(o.out, "profiles", `${stamp}-${mode}`) : undefined;
          r.concord = await runConcord(o, mode, { dataDir, logDir, databaseUrl, redisUrl: redis, buildId, profileDir });
          r.ratios = ratios(r);
        } finally {
          await drop?.().catch((e: Error) => log(`  ! dropping the database: ${e.message}`));
        }
      } catch (error) {
        // drizzle's errors carry the whole statement; the database's own message is the cause.
        const e = error as Error & { cause?: Error };
        r.error = `${e.message.slice(0, 300)}${e.cause ? ` (cause: ${e.cause.message.slice(0, 300)})` : ""}`;
        log(`  ! ${mode} failed: ${r.error}`);
      }
      log(`  (${mode}: ${elapsed(t)})`);
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }

  const file = path.join(o.out, `${stamp}${o.label ? `-${o.label.replace(/[^\w.-]+/g, "_")}` : ""}.json`);
  const doc = {
    date: new Date().toISOString(),
    command: `npm run bench --${process.argv.slice(2).length ? " " + process.argv.slice(2).join(" ") : ""}`,
    label: o.label,
    appDir: o.appDir,
    buildId,
    machine: machine(),
    options: { ...o, skip: [...o.skip] },
    seconds: round((performance.now() - started) / 1000, 0),
    results,
    targets: targets(results, o),
  };
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
  log(`\n${table(results, o)}\n`);
  const verdicts = targets(results, o);
  for (const t of verdicts) log(`  ${t.met ? "met   " : "MISSED"}  ${t.target}: ${t.value}`);
  log(`Results: ${path.relative(process.cwd(), file)} (${doc.seconds} s in all; load average now ${os.loadavg().map((l) => round(l, 2)).join(", ")})`);
  // The databases go; the server logs stay for a look.
  for (const mode of o.modes) fs.rmSync(path.join(work, mode), { recursive: true, force: true });
  log(`Server logs: ${logDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

