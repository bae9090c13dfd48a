// SIGKILL in the middle of a stream of writes: after a restart every write the server
// acknowledged is there, on the embedded database and on PostgreSQL, and resending the ones
// that were cut off stores each of them once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiAs, createTestDatabase, ended, needCluster, registerPerson, secret, type Person, type Playwright } from "../support/cluster";
import { exited, startServer, type RunningServer } from "../support/server";

const WORKERS = 6;
const KILL_AFTER = 60;

// Whatever happens in a test, none of its servers outlives it.
const running: RunningServer[] = [];
test.afterEach(() => running.forEach((s) => s.child.exitCode === null && s.child.signalCode === null && s.child.kill("SIGKILL")));

async function killMidStream(playwright: Playwright, env: Record<string, string>, port: number) {
  let server: RunningServer = await startServer(env, port);
  running.push(server);
  const bootstrap = await playwright.request.newContext({ baseURL: server.url });
  const chair: Person = await registerPerson(bootstrap, "Chair");
  await bootstrap.dispose();
  let api = await apiAs(playwright, server, chair);
  const forum = (await (await api.post("/api/forums", { data: { title: "Kill forum" } })).json()) as { id: string };
  const measure = (await (await api.post(`/api/forums/${forum.id}/measures`, { data: { title: "Hotline", kind: "cbm", text: "x" } })).json()) as { id: string };

  const acknowledged: { body: string; clientId: string }[] = [];
  const unanswered: { body: string; clientId: string }[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const write = { body: `Statement number ${next++}`, clientId: randomUUID() };
      const status = await api
        .post(`/api/measures/${measure.id}/comments`, { data: write, timeout: 5_000 })
        .then(
          (r) => r.status(),
          () => 0,
        );
      if (status === 201) acknowledged.push(write);
      else unanswered.push(write);
      // Before the kill every write must go through; a refusal is a bug, not a crash.
      if (!killed && status !== 201) throw new Error(`a write was answered ${status} before the kill`);
      if (acknowledged.length >= KILL_AFTER && !killed) {
        killed = true;
        server.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  expect(await ended(server.child)).toEqual({ code: null, signal: "SIGKILL" });
  await api.dispose();

  server = await startServer(env, port);
  running.push(server);
  try {
    api = await apiAs(playwright, server, chair);
    const read = async () => {
      const page = (await (await api.get(`/api/measures/${measure.id}`)).json()) as { comments: { html: string }[] };
      return page.comments.map((c) => /Statement number \d+/.exec(c.html)![0]);
    };
    const stored = await read();
    for (const w of acknowledged) expect(stored).toContain(w.body);
    console.log(`${env.DATABASE_URL ? "PostgreSQL" : "PGlite"}: ${acknowledged.length} acknowledged writes all present after SIGKILL; ${unanswered.length} cut off`);

    // What was cut off is resent with its clientId, and what was acknowledged again too.
    for (const w of [...unanswered, ...acknowledged.slice(0, 5)]) {
      expect((await api.post(`/api/measures/${measure.id}/comments`, { data: w })).status()).toBe(201);
    }
    const after = await read();
    expect(after).toHaveLength(new Set(after).size);
    expect(new Set(after)).toEqual(new Set([...acknowledged, ...unanswered].map((w) => w.body)));
  } finally {
    server.child.kill("SIGTERM");
    await exited(server.child);
    await api.dispose();
  }
}

test("SIGKILL during a stream of writes loses nothing acknowledged (PGlite)", async ({ playwright }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-kill-"));
  await killMidStream(playwright, { DATA_DIR: dataDir, NEXTAUTH_URL: "http://localhost:3178", NEXTAUTH_SECRET: secret, SEED_DEMO: "false" }, 3178);
});

test("SIGKILL during a stream of writes loses nothing acknowledged (PostgreSQL)", async ({ playwright }) => {
  await needCluster("the PostgreSQL kill test", { redis: false });
  const database = await createTestDatabase();
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-kill-pg-"));
    await killMidStream(
      playwright,
      { DATABASE_URL: database.url, DATA_DIR: dataDir, NEXTAUTH_URL: "http://localhost:3179", NEXTAUTH_SECRET: secret, SEED_DEMO: "false" },
      3179,
    );
  } finally {
    await database.drop();
  }
});
