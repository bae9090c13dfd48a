// One mode's run (embedded, postgres or multi): the floor server under the same load, then Concord
// (start, forums and members, warm-up, clients, the latency phases, the large connection count,
// the throughput search, the large forum's pages), each with what it measured.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Fleet, Tracker, type SocketSpec } from "./clients";
import { describePhase, drive, waitQuiet, type PhaseResult, type Send } from "./drive";
import { HttpClient } from "./http";
import type { Mode, Options } from "./options";
import { startConcord, startFloor, type Proc } from "./procs";
import { makeLargeForum, seedLargeBulk, seedLargeViaApi, timePage, type LargeForum, type PageResult } from "./seed-large";
import { elapsed, kb, mb, round, sleep } from "./stats";
import { freePort, log, settledRss } from "./system";
import { checkExact, throughputSearch, type ThroughputResult } from "./throughput";
import { commentSender, concordSocketSpecs, floorSender, makeForums, PositionLoad, proposeMeasures, signInUsers, type World } from "./world";

export interface ModeResult {
  mode: Mode;
  floor?: FloorResult;
  concord?: ConcordResult;
  error?: string;
  ratios?: Record<string, number>;
}

export interface ConcordResult {
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

export interface FloorResult {
  instances: number;
  rssIdleKb: number;
  rssAtClientsKb: number;
  perClientKbAtClients: number;
  positions?: PhaseResult;
  throughput?: ThroughputResult;
}

export async function runFloor(o: Options, mode: Mode, env: { dataDir: string; logDir: string; databaseUrl?: string; redisUrl?: string }): Promise<FloorResult> {
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

const tracker0 = () => new Tracker();

export async function runConcord(
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
