// Start-up that is interrupted, and start-up after a crash: a first start killed while it seeds
// the demo forum, a signal in the middle of start-up, and a lock file left by a process whose pid
// another process now has.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInByApi } from "../support/api";
import { exited, spawnServer, startServer, type ServerProcess } from "../support/server";

// Each test starts the server several times, on a new data directory, with the demo seed: that
// takes minutes on a busy machine.
test.describe.configure({ timeout: 240_000 });

// The servers a test started, stopped after it even when it fails half-way.
const servers: ServerProcess[] = [];
const track = (server: ServerProcess) => (servers.push(server), server);
test.afterEach(() => {
  for (const server of servers.splice(0)) if (server.child.exitCode === null) server.child.kill("SIGKILL");
});

const newDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "concord-startup-"));
const lockOf = (dataDir: string) => path.join(dataDir, "concord.lock");
const envFor = (dataDir: string, port: number) => ({ DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${port}`, SEED_DEMO: "true" });

/** How the server exited: its code, or the signal that ended it. */
function ended(server: ServerProcess) {
  return new Promise<number | string>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve(server.child.exitCode ?? server.child.signalCode!);
    else server.child.once("exit", (code, signal) => resolve(code ?? signal!));
  });
}

/** Checks, as the demo chair, that the demo forum is all there: 8 measures, 9 members, its decisions. */
async function expectWholeDemoForum(request: APIRequestContext) {
  await signInByApi(request, "chair@demo.concord", "concord-demo");
  const { forums } = (await (await request.get("/api/forums")).json()) as { forums: { id: string; title: string; measureCount: number; memberCount: number }[] };
  expect(forums).toHaveLength(1);
  expect(forums[0]).toMatchObject({ title: "OEWG — Confidence-building measures (demo)", measureCount: 8, memberCount: 9 });
  const forum = (await (await request.get(`/api/forums/${forums[0]!.id}`)).json()) as { measures: { status: string }[] };
  expect(forum.measures.map((m) => m.status).sort()).toEqual(
    ["adopted", "in_decision", "under_discussion", "under_discussion", "under_discussion", "under_discussion", "under_discussion", "under_discussion"].sort(),
  );
}

test("a first start killed while it seeds the demo forum leaves none of it, and the next start seeds it whole", async ({ playwright }) => {
  const dataDir = newDataDir();
  const port = 3162;
  const first = track(spawnServer(envFor(dataDir, port), port));
  await first.printed("Seeding the demo forum…");
  // Part of the way in: the seed takes seconds (nine password hashes, eight measures).
  await new Promise((r) => setTimeout(r, 700));
  first.child.kill("SIGKILL");
  expect(await ended(first)).toBe("SIGKILL");
  expect(first.output(), "killed before the seed had finished").not.toContain("Seeded the demo forum");

  const second = track(await startServer(envFor(dataDir, port), port));
  const request = await playwright.request.newContext({ baseURL: second.url });
  try {
    expect(second.output()).toContain("Seeded the demo forum");
    await expectWholeDemoForum(request);
  } finally {
    second.child.kill("SIGTERM");
    await exited(second.child);
    await request.dispose();
  }
});

test("a signal in the middle of start-up stops it cleanly: exit code 0, lock released, database closed", async ({ playwright }) => {
  const dataDir = newDataDir();
  const port = 3163;
  // SIGTERM while the demo forum is being written (the lock taken, the database open, a transaction under way).
  const seeding = track(spawnServer(envFor(dataDir, port), port));
  await seeding.printed("Seeding the demo forum…");
  seeding.child.kill("SIGTERM");
  expect(await ended(seeding)).toBe(0);
  expect(seeding.output()).toContain("SIGTERM during start-up: stopping.");
  expect(seeding.output()).toContain("Stopped.");
  expect(fs.existsSync(lockOf(dataDir))).toBe(false);

  // SIGINT (Ctrl-C) as soon as start-up begins: while the database opens and its migrations run.
  const opening = track(spawnServer(envFor(dataDir, port), port));
  await opening.printed("Starting Concord on the embedded database");
  opening.child.kill("SIGINT");
  expect(await ended(opening)).toBe(0);
  expect(opening.output()).toContain("SIGINT during start-up: stopping.");
  expect(fs.existsSync(lockOf(dataDir))).toBe(false);

  // The database was closed properly and kept nothing of the interrupted seed.
  const server = track(await startServer(envFor(dataDir, port), port));
  const request = await playwright.request.newContext({ baseURL: server.url });
  try {
    await expectWholeDemoForum(request);
  } finally {
    server.child.kill("SIGTERM");
    expect(await exited(server.child)).toBe(0);
    await request.dispose();
  }
});

test("a lock file left by a crashed server starts fine although its pid now belongs to a live process", async ({ playwright }) => {
  const dataDir = newDataDir();
  const port = 3164;
  const env = { ...envFor(dataDir, port), SEED_DEMO: "false" };
  const crashed = track(await startServer(env, port));
  crashed.child.kill("SIGKILL");
  await ended(crashed);
  const left = JSON.parse(fs.readFileSync(lockOf(dataDir), "utf8")) as { pid: number };

  // Its pid is given to another process, as happens in containers, where pids are few and reused.
  const other = spawn("sleep", ["600"]);
  try {
    await new Promise((resolve) => other.once("spawn", resolve));
    fs.writeFileSync(lockOf(dataDir), JSON.stringify({ ...left, pid: other.pid }));

    const server = track(await startServer(env, port));
    const request = await playwright.request.newContext({ baseURL: server.url });
    try {
      expect(JSON.parse(fs.readFileSync(lockOf(dataDir), "utf8"))).toMatchObject({ pid: server.child.pid });
      expect((await request.get("/api/health")).status()).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect(await exited(server.child)).toBe(0);
      await request.dispose();
    }
    expect(fs.existsSync(lockOf(dataDir))).toBe(false);
  } finally {
    other.kill("SIGKILL");
  }
});
