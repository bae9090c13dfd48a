// What one request costs the server, path by path: CPU time of the server process per request
// (from /proc, so it hardly depends on what else the machine is doing) and the response time,
// one request at a time. It splits the cost of a position into Next's routing, the session, the
// database and the broadcast, and sets the floor's bare insert-and-broadcast beside it.
//
//   node --import tsx bench/cost.ts [--app-dir DIR] [--requests N] [--clients N] [--only TEXT]
//                                   [--profile DIR]   (Concord runs with --cpu-prof)
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Fleet, Tracker } from "./clients";
import { HttpClient, type Reply } from "./http";
import { cpuMs, startConcord, startFloor } from "./procs";
import { quantileOf, round } from "./stats";
import { freePort } from "./system";
import { concordSocketSpecs, floorPayload, makeForums, proposeMeasures, signInUsers, type World } from "./world";

const args = process.argv.slice(2);
const arg = (k: string, d: string) => (args.includes(`--${k}`) ? args[args.indexOf(`--${k}`) + 1]! : d);
const appDir = path.resolve(arg("app-dir", process.env.BENCH_APP_DIR ?? path.join(__dirname, "..")));
const N = Number(arg("requests", "300"));
const clients = Number(arg("clients", "0"));
const profileDir = args.includes("--profile") ? path.resolve(arg("profile", "bench/results/profiles")) : undefined;
const only = arg("only", "");

async function measure(label: string, pid: number, fn: (i: number) => Promise<Reply>) {
  if (only && !label.includes(only)) return null;
  for (let i = 0; i < 30; i++) await fn(i);
  const times: number[] = [];
  const statuses = new Set<number>();
  const cpu0 = cpuMs(pid);
  for (let i = 0; i < N; i++) {
    const r = await fn(i + 30);
    times.push(r.ms);
    statuses.add(r.status);
  }
  await new Promise((r) => setTimeout(r, 100));
  const cpu = (cpuMs(pid) - cpu0) / N;
  const row = { label, cpuMsPerRequest: round(cpu), p50: round(quantileOf(times, 0.5)), p90: round(quantileOf(times, 0.9)), status: [...statuses].join(",") };
  console.log(`${label.padEnd(52)} ${String(row.cpuMsPerRequest).padStart(6)} ms CPU   p50 ${String(row.p50).padStart(6)} ms   p90 ${String(row.p90).padStart(6)} ms   [${row.status}]`);
  return row;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "concord-cost-"));
  const rows = [];
  console.log(`CPU per request, one at a time, ${N} requests each, ${clients} clients in the room (app ${appDir})`);
  const floor = await startFloor({ port: await freePort(), dataDir: path.join(work, "floor"), logDir: work, name: "floor" });
  try {
    const http = new HttpClient(floor.url);
    const tracker = new Tracker();
    const fleet = new Fleet("floor", tracker);
    await fleet.connect(Array.from({ length: clients }, () => ({ url: floor.url, group: 0, room: "room-0" })));
    const payload = floorPayload();
    rows.push(await measure("floor: POST /event (insert + broadcast)", floor.pid, (i) => http.request("POST", "/event", { body: { room: "room-0", nonce: `n:${i}`, payload } })));
    await fleet.disconnect();
    http.close();
  } finally {
    await floor.stop();
  }

  const concord = await startConcord({
    appDir,
    port: await freePort(),
    dataDir: path.join(work, "concord"),
    logDir: work,
    name: "concord",
    secret: randomUUID() + randomUUID(),
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    const http = new HttpClient(concord.url);
    const users = await signInUsers(http, 10, `cost${Date.now()}`);
    const forums = await makeForums(http, users, 1, "Cost");
    const forum = forums[0]!;
    await proposeMeasures(http, users[0]!.cookie, forum, 20);
    const world: World = { http: [http], users, forums };
    const fleet = new Fleet("concord", new Tracker());
    await fleet.connect(concordSocketSpecs(world, [concord.url], 0, clients));
    const c = users[1]!.cookie;
    const pid = concord.pid;
    rows.push(await measure("GET /api/forums/:id without a session (401)", pid, () => http.request("GET", `/api/forums/${forum.id}`)));
    rows.push(await measure("GET /api/auth/session (next-auth decodes the JWT)", pid, () => http.request("GET", "/api/auth/session", { cookie: c })));
    rows.push(await measure("GET /api/forums (session + one query)", pid, () => http.request("GET", "/api/forums", { cookie: c })));
    rows.push(await measure("GET /api/measures/:id/tally (read transaction)", pid, (i) => http.request("GET", `/api/measures/${forum.measures[i % 20]}/tally`, { cookie: c })));
    rows.push(
      await measure("PUT /api/measures/:id/position", pid, (i) =>
        http.request("PUT", `/api/measures/${forum.measures[i % 20]}/position`, {
          cookie: users[Math.floor(i / 20) % 10]!.cookie,
          body: { stance: ["support", "oppose", "abstain"][i % 3], rationale: `n:${i}`, clientId: randomUUID() },
        }),
      ),
    );
    rows.push(
      await measure("POST /api/measures/:id/comments", pid, (i) =>
        http.request("POST", `/api/measures/${forum.measures[i % 20]}/comments`, { cookie: c, body: { body: `n:${i} A comment with *emphasis*.`, clientId: randomUUID() } }),
      ),
    );
    await fleet.disconnect();
    http.close();
  } finally {
    await concord.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
