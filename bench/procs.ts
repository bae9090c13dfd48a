// Starting and stopping what the benchmark measures: Concord instances (the production build of
// an app directory, run with node as `npm start` would), floor servers, and, when asked, a
// private PostgreSQL and Redis on loopback ports. Every process is started by pid and stopped by
// that pid; nothing is looked up by name.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sleep } from "./stats";

export interface Proc {
  name: string;
  pid: number;
  port: number;
  url: string;
  logPath: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const CLK_TCK = 100;

/** Resident set size of a process in KiB (from /proc), or NaN once it has gone. */
export function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) used so far by a process, in ms. */
export function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime are fields 14 and 15 of stat; here offset by the two fields before ") ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/**
 * How long a process's main thread (the event loop) has waited, ready to run, for a CPU, in ms:
 * the second field of /proc/<pid>/schedstat.
 */
export function runQueueWaitMs(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * Roots of the process trees of the database and Redis this run started itself: their CPU is
 * reported as the services' share, not as other load on the machine.
 */
export const serviceRoots: number[] = [];

/** CPU time (ms) of a process and all its descendants (PostgreSQL forks a backend per connection). */
export function treeCpuMs(roots: number[]): number {
  if (roots.length === 0) return 0;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.split(") ")[1]!.split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop()!;
    total += cpuMs(pid) || 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * The machine's CPU time since boot (/proc/stat), ms: busy (not idle, not waiting for I/O, not
 * stolen) and stolen (a virtual CPU ready to run while the hypervisor ran someone else: a stall
 * no process here can see or cause).
 */
export function machineCpuMs(): { busy: number; steal: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const steal = v[7] ?? 0;
  return { busy: ((total - idle - steal) * 1000) / CLK_TCK, steal: (steal * 1000) / CLK_TCK };
}

/**
 * CPU used by everything except the given processes and this one over `ms`, or taken from this
 * machine by the hypervisor, in % of one core. The machine is shared: a benchmark phase run while
 * others compile or test, or while the host runs other machines, is not comparable.
 */
export async function othersCpuPct(pids: number[], ms = 1_000): Promise<number> {
  const mine = () => pids.reduce((s, pid) => s + (cpuMs(pid) || 0), 0) + cpuMs(process.pid) + treeCpuMs(serviceRoots);
  const m0 = machineCpuMs();
  const p0 = mine();
  await sleep(ms);
  const m1 = machineCpuMs();
  const p1 = mine();
  return Math.max(0, ((m1.busy + m1.steal - m0.busy - m0.steal - (p1 - p0)) / ms) * 100);
}

export function logTail(file: string, lines = 25) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function stopper(child: ChildProcess, name: string, graceMs = 25_000) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      console.warn(`  ${name} (pid ${child.pid}) did not stop within ${graceMs / 1000} s: SIGKILL`);
      child.kill("SIGKILL");
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };
}

/** Waits until GET url answers 200, or the process exits, or the time is up. */
async function waitReady(child: ChildProcess, url: string, logPath: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail(logPath)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s:\n${logTail(logPath)}`);
}

function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "REDIS_URL", "DATA_DIR", "PORT", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "NODE_OPTIONS"]) delete env[key];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export interface ConcordOptions {
  appDir: string;
  port: number;
  dataDir: string;
  logDir: string;
  name: string;
  databaseUrl?: string;
  redisUrl?: string;
  secret: string;
  nodeArgs?: string[];
}

/** Starts a Node server with its output in `<logDir>/<name>.log` and waits until `readyPath` answers. */
async function startNodeServer(o: {
  name: string;
  what: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  logDir: string;
  readyPath: string;
  readyMs: number;
  stopGraceMs?: number;
}): Promise<Proc> {
  const logPath = path.join(o.logDir, `${o.name}.log`);
  const log = fs.openSync(logPath, "a");
  const child = spawn(process.execPath, o.args, { cwd: o.cwd, stdio: ["ignore", log, log], env: o.env });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${o.port}`;
  try {
    await waitReady(child, `${url}${o.readyPath}`, logPath, o.readyMs);
  } catch (error) {
    await stopper(child, o.name)();
    throw new Error(`${o.what} (${o.name}) did not start: ${(error as Error).message}`);
  }
  return { name: o.name, pid: child.pid!, port: o.port, url, logPath, child, stop: stopper(child, o.name, o.stopGraceMs) };
}

export function startConcord(o: ConcordOptions): Promise<Proc> {
  return startNodeServer({
    name: o.name,
    what: "Concord",
    args: [...(o.nodeArgs ?? []), "dist/server.js"],
    cwd: o.appDir,
    env: baseEnv({
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(o.port),
      DATA_DIR: o.dataDir,
      NEXTAUTH_URL: `http://localhost:${o.port}`,
      // Shared by the instances of a multi-instance run, so a cookie from one works on all.
      NEXTAUTH_SECRET: o.secret,
      SEED_DEMO: "false",
      // Every simulated delegate registers from 127.0.0.1 (the default allows 10 an hour).
      REGISTRATIONS_PER_ADDRESS: "100000",
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
    }),
    port: o.port,
    logDir: o.logDir,
    readyPath: "/api/auth/csrf",
    readyMs: 90_000,
  });
}

export function startFloor(o: {
  port: number;
  dataDir: string;
  logDir: string;
  name: string;
  databaseUrl?: string;
  redisUrl?: string;
}): Promise<Proc> {
  return startNodeServer({
    name: o.name,
    what: "the floor server",
    args: ["--import", "tsx", path.join(__dirname, "floor-server.ts")],
    cwd: path.join(__dirname, ".."),
    env: baseEnv({ NODE_ENV: "production", PORT: String(o.port), DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl, REDIS_URL: o.redisUrl }),
    port: o.port,
    logDir: o.logDir,
    readyPath: "/ready",
    readyMs: 60_000,
    stopGraceMs: 5_000,
  });
}

/** Where a binary is, or null. */
export function which(bin: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${bin}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * A throwaway PostgreSQL cluster in a temporary directory, on a loopback port, for runs without
 * DATABASE_URL. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPrivatePostgres(port: number, logDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const initdb = which("initdb");
  const pgCtl = which("pg_ctl");
  if (!initdb || !pgCtl) throw new Error("initdb/pg_ctl not found: set DATABASE_URL instead.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-bench-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync("chown", ["-R", "postgres", dir]);
  const run = (args: string[]) => {
    const cmd = asRoot ? "runuser" : args[0]!;
    const full = asRoot ? ["-u", "postgres", "--", ...args] : args.slice(1);
    const r = spawnSync(cmd, full, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  };
  run([initdb, "-D", `${dir}/data`, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const logFile = path.join(dir, "postgres.log");
  run([
    pgCtl,
    "-D",
    `${dir}/data`,
    "-l",
    logFile,
    "-w",
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200 -c shared_buffers=256MB`,
    "start",
  ]);
  fs.writeFileSync(path.join(logDir, "postgres.where"), `${dir}\n`);
  const postmaster = Number(fs.readFileSync(`${dir}/data/postmaster.pid`, "utf8").split("\n")[0]);
  if (postmaster > 0) serviceRoots.push(postmaster);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run([pgCtl, "-D", `${dir}/data`, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A throwaway Redis on a loopback port, keeping nothing on disk. */
export async function startPrivateRedis(port: number, logDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = which("redis-server");
  if (!bin) throw new Error("redis-server not found: set REDIS_URL instead.");
  const logPath = path.join(logDir, "redis.log");
  const log = fs.openSync(logPath, "a");
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  for (let i = 0; i < 50 && !fs.readFileSync(logPath, "utf8").includes("Ready to accept"); i++) await sleep(100);
  if (child.pid) serviceRoots.push(child.pid);
  return { url: `redis://127.0.0.1:${port}`, stop: stopper(child, "redis", 5_000) };
}
