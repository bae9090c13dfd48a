// What the harness needs from the machine around it: its log line, a free loopback port, a fresh
// database, the open-files limit, the build to measure, a settled RSS figure, and a description of
// the machine for the result file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT } from "./options";
import { rssKb } from "./procs";
import { round, sleep } from "./stats";

export const log = (s: string) => console.log(s);

function openFilesLimit(): { soft: number; hard: number } {
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(fs.readFileSync("/proc/self/limits", "utf8"));
  const n = (s: string | undefined) => (s === "unlimited" || s === undefined ? Infinity : Number(s));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** Re-runs this process with a higher open-files limit when 10,000 sockets would not fit. */
export function ensureOpenFiles(needed: number) {
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

export function checkBuild(appDir: string) {
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

export function freePort(): Promise<number> {
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
export async function freshDatabase(url: string, name: string) {
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

export async function settledRss(pids: number[], ms = 4_000) {
  await sleep(ms);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(pids.reduce((s, pid) => s + rssKb(pid), 0));
    await sleep(300);
  }
  return samples.sort((a, b) => a - b)[1]!;
}

export function machine() {
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
