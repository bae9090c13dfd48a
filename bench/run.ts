// `npm run bench`: starts Concord in production mode on a fresh database, builds forums and
// members through its API, drives it with real socket.io-client connections and HTTP clients,
// does the same to a bare floor server, prints a table and writes bench/results/<date>.json.
// See bench/README.md for what is measured and how; `npm run bench -- --help` for the flags.
//
// The parts: options.ts (flags), system.ts (ports, databases, limits, the build), modes.ts (the
// floor and Concord runs), throughput.ts (the search and the exact-tallies check), report.ts (table,
// ratios, targets).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runConcord, runFloor, type ModeResult } from "./modes";
import { parseArgs } from "./options";
import { startPrivatePostgres, startPrivateRedis } from "./procs";
import { ratios, table, targets } from "./report";
import { elapsed, round } from "./stats";
import { checkBuild, ensureOpenFiles, freePort, freshDatabase, log, machine } from "./system";

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
