// Redis goes away under two running instances and comes back: each instance keeps serving its
// own clients and says so in its log, and when Redis returns the instances hear each other
// again and clients that missed events learn it from the seq beacon.
import { randomUUID } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import type { ForumEvent } from "@/lib/core/events";
import type { RunningServer } from "../support/server";
import {
  apiAs,
  needCluster,
  createTestDatabase,
  liveClient,
  registerPerson,
  startInstance,
  startRedis,
  stopInstance,
  stopRedis,
  type LiveClient,
  type Playwright,
} from "../support/cluster";

const REDIS_PORT = 6390;

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let redis: ChildProcess | undefined;
let a: RunningServer | undefined;
let b: RunningServer | undefined;
const clients: LiveClient[] = [];

test.beforeAll(async () => {
  // Only PostgreSQL is needed from the machine: the spec runs its own Redis.
  await needCluster("the Redis outage tests", { redis: false });
  database = await createTestDatabase();
  redis = await startRedis(REDIS_PORT);
  const env = { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` };
  [a, b] = await Promise.all([startInstance(3175, env), startInstance(3176, env)]);
});

test.afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([a, b].filter((s): s is RunningServer => Boolean(s)).map(stopInstance));
  if (redis) await stopRedis(redis);
  await database?.drop();
});

async function propose(playwright: Playwright, server: RunningServer, person: Awaited<ReturnType<typeof registerPerson>>, forumId: string, title: string) {
  const api = await apiAs(playwright, server, person);
  const res = await api.post(`/api/forums/${forumId}/measures`, { data: { title, kind: "norm", text: "x" } });
  expect(res.status()).toBe(201);
  await api.dispose();
}

const proposed = (client: LiveClient, title: string) => client.events.some((e: ForumEvent) => e.type === "measure:proposed" && e.measure.title === title);

test("without Redis each instance serves its own clients, and heals when Redis returns", async ({ playwright }) => {
  test.setTimeout(90_000);
  const bootstrap = await playwright.request.newContext({ baseURL: a!.url });
  const chair = await registerPerson(bootstrap, "Chair");
  const chairApi = await apiAs(playwright, a!, chair);
  const forum = (await (await chairApi.post("/api/forums", { data: { title: "Outage forum" } })).json()) as { id: string };
  const onA = await liveClient(a!, chair, forum.id);
  const onB = await liveClient(b!, chair, forum.id);
  clients.push(onA, onB);
  const beacons: number[] = [];
  onB.on("forum:seq", ({ seq }) => beacons.push(seq));

  await propose(playwright, a!, chair, forum.id, "Before the outage");
  await expect.poll(() => proposed(onB, "Before the outage")).toBe(true);

  await stopRedis(redis!);
  const said = (text: string) => [a!, b!].every((s) => s.output().includes(text));
  await expect.poll(() => said("Redis at redis://127.0.0.1:6390 is unreachable"), { timeout: 10_000 }).toBe(true);

  // Each instance still serves its own clients, over HTTP and live.
  await propose(playwright, b!, chair, forum.id, "During the outage, through B");
  await propose(playwright, a!, chair, forum.id, "During the outage, through A");
  await expect.poll(() => proposed(onB, "During the outage, through B")).toBe(true);
  await expect.poll(() => proposed(onA, "During the outage, through A")).toBe(true);
  expect(a!.child.exitCode).toBeNull();
  expect(b!.child.exitCode).toBeNull();
  // B's client missed the forum's latest event, so no later event shows it a gap: it learns of
  // it from B's seq beacon (B never sent that seq to its room), once Redis is back at the latest.
  const missedSeq = onA.events.find((e) => e.type === "measure:proposed" && e.measure.title === "During the outage, through A")!.seq;
  expect(proposed(onB, "During the outage, through A")).toBe(false);

  redis = await startRedis(REDIS_PORT);
  await expect.poll(() => said("Redis at redis://127.0.0.1:6390 is back"), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => Math.max(0, ...beacons), { timeout: 10_000 }).toBeGreaterThanOrEqual(missedSeq);

  // And the instances hear each other again.
  const title = `After the outage ${randomUUID().slice(0, 4)}`;
  await propose(playwright, a!, chair, forum.id, title);
  await expect.poll(() => proposed(onB, title), { timeout: 5_000 }).toBe(true);
  await chairApi.dispose();
  await bootstrap.dispose();
});
