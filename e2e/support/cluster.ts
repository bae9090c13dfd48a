// Several Concord processes on one PostgreSQL and one Redis, as in production: a fresh database
// per spec on the test server (TEST_DATABASE_URL), Redis on 127.0.0.1 (the machine's, or one
// the spec starts and stops itself), a shared NEXTAUTH_SECRET, and helpers that act as a
// signed-in user over HTTP and Socket.IO without a browser.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import net from "node:net";
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ForumEvent, ServerToClientEvents } from "@/lib/core/events";
import { exited, startServer, type RunningServer } from "./server";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export type Playwright = PlaywrightWorkerArgs["playwright"];
export const secret = randomBytes(32).toString("base64url");

/** Why the cluster specs cannot run here, or null when PostgreSQL (and Redis on 6379) answer. */
export async function clusterUnavailable({ redis = true } = {}): Promise<string | null> {
  if (!testDatabaseUrl) return "TEST_DATABASE_URL is not set (a PostgreSQL server to create test databases on)";
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL at TEST_DATABASE_URL is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
  if (redis && !(await portOpen(6379))) return "Redis is not reachable on 127.0.0.1:6379";
  return null;
}

/**
 * Skips the calling test (or the tests of a beforeAll) when PostgreSQL, and Redis unless
 * `redis: false`, are not there, with a line that says why; in CI (CI=true), where they are part
 * of the machine, their absence fails the test instead.
 */
export async function needCluster(what: string, options: { redis?: boolean } = {}) {
  const reason = await clusterUnavailable(options);
  if (reason === null) return;
  if (process.env.CI) throw new Error(`${what} need these services in CI: ${reason}.`);
  console.log(`Skipping ${what}: ${reason}.`);
  test.skip(true, reason);
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/** A fresh database on the test server, dropped again by `drop`. */
export async function createTestDatabase() {
  const name = `concord_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Starts an instance on the shared database (and Redis), with the shared secret. */
export function startInstance(port: number, env: { DATABASE_URL: string; REDIS_URL?: string; TRUST_PROXY?: string }) {
  return startServer(
    {
      ...env,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      SEED_DEMO: "false",
      // Every test client comes from 127.0.0.1: more registrations than one person's network makes.
      REGISTRATIONS_PER_ADDRESS: "1000",
      // Each instance has its own data directory, although with DATABASE_URL it keeps nothing there.
      DATA_DIR: `/tmp/concord-e2e-instance-${port}-${randomUUID().slice(0, 8)}`,
    },
    port,
  );
}

/** How a child process ended, also when it has already ended by a signal. */
export function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

export async function stopInstance(server: RunningServer) {
  if (server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  await exited(server.child);
}

/** A Redis of the spec's own on `port`, without persistence, as a child process. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], {
    stdio: "ignore",
  });
  const deadline = Date.now() + 10_000;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

export async function stopRedis(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await exited(child);
}

export type Person = { id: string; name: string; cookie: string };

/**
 * Registers an account and signs it in through the API (next-auth's CSRF token, then its
 * credentials callback), as a browser would: the cookie names a session the server keeps, valid
 * on every instance that shares the database and the secret.
 */
export async function registerPerson(request: APIRequestContext, name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 8)}@example.org`;
  const password = "correct horse battery";
  const res = await request.post("/api/register", { data: { name, email, password } });
  expect(res.status()).toBe(201);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" } });
  expect(signedIn.ok(), `sign-in of ${name}`).toBe(true);
  const session = signedIn.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("next-auth.session-token="));
  expect(session, `session cookie of ${name}`).toBeDefined();
  const cookie = session!.value.split(";")[0]!;
  const { user } = (await (await request.get("/api/auth/session", { headers: { cookie } })).json()) as { user: { id: string } };
  return { id: user.id, name, cookie };
}

/** An API client for `person` on one instance. */
export function apiAs(playwright: Playwright, server: RunningServer, person: Person) {
  return playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: { cookie: person.cookie } });
}

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents> & { events: ForumEvent[] };

/** A Socket.IO client of `person` on one instance, in the forum's room, recording its events. */
export async function liveClient(server: RunningServer, person: Person, forumId: string): Promise<LiveClient> {
  const socket = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: person.cookie } }) as LiveClient;
  socket.events = [];
  socket.on("forum:event", (e) => socket.events.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const reply = await socket.timeout(5_000).emitWithAck("forum:join", { forumId });
  expect(reply).toMatchObject({ ok: true });
  return socket;
}
