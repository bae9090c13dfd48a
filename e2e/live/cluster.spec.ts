// Two instances on one PostgreSQL and one Redis, as behind a load balancer: what happens through
// one reaches the clients (socket.io-client and a real browser) of the other, presence counts
// people on both, timers fire once, and hundreds of concurrent retried writes count exactly.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { ForumEvent } from "@/lib/core/events";
import type { Tally } from "@/lib/core/tallies";
import type { RunningServer } from "../support/server";
import {
  apiAs,
  needCluster,
  createTestDatabase,
  liveClient,
  registerPerson,
  startInstance,
  stopInstance,
  type LiveClient,
  type Person,
  type Playwright,
} from "../support/cluster";
import { waitLive } from "../support/people";

const REDIS_URL = "redis://127.0.0.1:6379";
const LIVE = { timeout: 1_000 };

test.describe.configure({ mode: "serial" });

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let a: RunningServer;
let b: RunningServer;
const clients: LiveClient[] = [];

test.beforeAll(async () => {
  await needCluster("the two-instance tests");
  database = await createTestDatabase();
  // Started together on an empty database: the migrations must not race.
  [a, b] = await Promise.all([
    startInstance(3171, { DATABASE_URL: database.url, REDIS_URL }),
    startInstance(3172, { DATABASE_URL: database.url, REDIS_URL }),
  ]);
});

test.afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([a, b].filter(Boolean).map(stopInstance));
  await database?.drop();
});

async function forumWith(playwright: Playwright, names: string[]) {
  const bootstrap = await playwright.request.newContext({ baseURL: a.url });
  const people: Person[] = [];
  for (const name of names) people.push(await registerPerson(bootstrap, name));
  await bootstrap.dispose();
  const [chair, ...others] = people;
  const chairApi = await apiAs(playwright, a, chair!);
  const forum = (await (await chairApi.post("/api/forums", { data: { title: `Cluster forum ${randomUUID().slice(0, 6)}` } })).json()) as {
    id: string;
    joinCode: string;
  };
  const camps = ["internet_freedom", "cyber_sovereignty", "non_aligned"] as const;
  const joined = await Promise.all(
    others.map((p, i) =>
      fetch(`${(i % 2 ? a : b).url}/api/forums/join`, {
        method: "POST",
        headers: { cookie: p.cookie, "content-type": "application/json" },
        body: JSON.stringify({ code: forum.joinCode, delegation: p.name, camp: camps[i % 3], stakeholderGroup: "state" }),
      }).then((r) => r.status),
    ),
  );
  expect(joined.every((s) => s === 201)).toBe(true);
  return { forum, chair: chair!, chairApi, others };
}

const eventOf = (client: LiveClient, match: (e: ForumEvent) => boolean) =>
  expect.poll(() => client.events.find(match), { timeout: 5_000 }).toBeTruthy();

test("a change through one instance reaches the other's sockets and browsers within a second", async ({ playwright, browser }) => {
  const { forum, chair, chairApi, others } = await forumWith(playwright, ["Chair", "Northland"]);
  const delegate = others[0]!;
  for (const server of [a, b]) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  const onA = await liveClient(a, chair, forum.id);
  const onB = await liveClient(b, delegate, forum.id);
  clients.push(onA, onB);

  // Written through A, heard on B.
  const sent = Date.now();
  const proposed = (await (await chairApi.post(`/api/forums/${forum.id}/measures`, { data: { title: "Hotline", kind: "cbm", text: "A hotline." } })).json()) as { id: string };
  await eventOf(onB, (e) => e.type === "measure:proposed" && e.measure.id === proposed.id);
  console.log(`Cross-instance delivery A→B: ${Date.now() - sent} ms after the request was sent`);

  // Written through B, heard on A.
  const delegateApi = await apiAs(playwright, b, delegate);
  expect((await delegateApi.put(`/api/measures/${proposed.id}/position`, { data: { stance: "support", clientId: randomUUID() } })).status()).toBe(200);
  await eventOf(onA, (e) => e.type === "positions:changed" && e.changes.some((c) => c.measureId === proposed.id));

  // Browsers: the chair's page is served by A, the delegate's by B; each sees the other.
  const chairContext = await browser.newContext({ baseURL: a.url });
  const delegateContext = await browser.newContext({ baseURL: b.url });
  for (const [context, person] of [[chairContext, chair], [delegateContext, delegate]] as const) {
    const [name, value] = person.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, domain: "localhost", path: "/" }]);
  }
  const chairPage = await chairContext.newPage();
  const delegatePage = await delegateContext.newPage();
  await chairPage.goto(`/forums/${forum.id}`);
  await delegatePage.goto(`/forums/${forum.id}`);
  await Promise.all([waitLive(chairPage), waitLive(delegatePage)]);
  // Presence counts the two people on two instances (the sockets above are theirs too).
  await expect(chairPage.getByTestId("presence-total")).toHaveText("2");
  await expect(delegatePage.getByTestId("presence-total")).toHaveText("2");

  await chairApi.post(`/api/forums/${forum.id}/measures`, { data: { title: "Directory of points of contact", kind: "cbm", text: "A directory." } });
  await expect(delegatePage.getByRole("link", { name: "Directory of points of contact" })).toBeVisible(LIVE);
  await delegatePage.getByRole("button", { name: "Request the floor" }).click();
  await expect(chairPage.getByRole("list", { name: "Waiting for the floor" })).toContainText("Northland", LIVE);
  await chairContext.close();
  await delegateContext.close();
});

test("deadlines and speaking time are settled once, not once per instance", async ({ playwright }) => {
  const { forum, chair, chairApi, others } = await forumWith(playwright, ["Chair", "Meridia"]);
  const onA = await liveClient(a, chair, forum.id);
  const onB = await liveClient(b, others[0]!, forum.id);
  clients.push(onA, onB);
  const measure = (await (await chairApi.post(`/api/forums/${forum.id}/measures`, { data: { title: "Silent norm", kind: "norm", text: "x" } })).json()) as { id: string };

  // A silence procedure ending in 2 s, and a 10 s turn at the floor, both swept every second
  // by both instances.
  expect((await chairApi.post(`/api/measures/${measure.id}/decision`, { data: { rule: "silence", minutes: 2 / 60 } })).status()).toBe(201);
  const delegateApi = await apiAs(playwright, b, others[0]!);
  expect((await delegateApi.post(`/api/forums/${forum.id}/speakers`, { data: { clientId: randomUUID() } })).status()).toBe(201);
  expect((await chairApi.post(`/api/forums/${forum.id}/speakers/floor`, { data: { seconds: 10 } })).status()).toBe(200);

  const adopted = (e: ForumEvent) => e.type === "measure:changed" && e.measure.id === measure.id && e.measure.status === "adopted";
  const timeUp = (e: ForumEvent) => e.type === "speakers:changed" && e.speakers.lastTurn?.timeUp === true;
  for (const client of [onA, onB]) {
    await expect.poll(() => client.events.filter(adopted).length, { timeout: 8_000 }).toBe(1);
    await expect.poll(() => client.events.filter(timeUp).length, { timeout: 15_000 }).toBe(1);
  }
  // Later sweeps of both instances change nothing: a second procedure, due a second later, is
  // settled by them (once), and the first is still settled once.
  const later = (await (await chairApi.post(`/api/forums/${forum.id}/measures`, { data: { title: "Later norm", kind: "norm", text: "x" } })).json()) as { id: string };
  expect((await chairApi.post(`/api/measures/${later.id}/decision`, { data: { rule: "silence", minutes: 1 / 60 } })).status()).toBe(201);
  const laterAdopted = (e: ForumEvent) => e.type === "measure:changed" && e.measure.id === later.id && e.measure.status === "adopted";
  for (const client of [onA, onB]) await expect.poll(() => client.events.filter(laterAdopted).length, { timeout: 8_000 }).toBe(1);
  for (const client of [onA, onB]) {
    expect(client.events.filter(adopted)).toHaveLength(1);
    expect(client.events.filter(timeUp)).toHaveLength(1);
  }
  const audit = (await (await chairApi.get(`/api/forums/${forum.id}/audit`)).json()) as { events: { action: string }[] };
  expect(audit.events.filter((e) => e.action === "decision.closed")).toHaveLength(2);
});

test("hundreds of concurrent, retried writes through both instances count exactly once", async ({ playwright }) => {
  test.setTimeout(120_000);
  const names = ["Chair", ...Array.from({ length: 60 }, (_, i) => `Delegation ${i + 1}`)];
  const { forum, chair, chairApi, others } = await forumWith(playwright, names);
  const measure = (await (await chairApi.post(`/api/forums/${forum.id}/measures`, { data: { title: "Busy measure", kind: "cbm", text: "x" } })).json()) as { id: string };
  const watcher = await liveClient(b, chair, forum.id);
  clients.push(watcher);

  const stances = ["support", "oppose", "abstain"] as const;
  // Plain fetch: a burst this size is about the servers, not the test's HTTP client.
  const put = (server: RunningServer, person: Person, body: unknown) =>
    fetch(`${server.url}/api/measures/${measure.id}/position`, {
      method: "PUT",
      headers: { cookie: person.cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const requests = others.flatMap((person, i) => {
    const first = { stance: stances[i % 3], clientId: randomUUID() };
    const otherTab = { stance: stances[(i + 1) % 3], clientId: randomUUID() };
    // Sent to A, resent to B (a reconnect landing elsewhere), another tab through B, resent again.
    return [put(a, person, first), put(b, person, first), put(b, person, otherTab), put(a, person, first)];
  });
  expect(requests.length).toBe(240);
  const started = Date.now();
  const statuses = await Promise.all(requests);
  console.log(`240 concurrent position writes through two instances: ${Date.now() - started} ms`);
  expect(statuses.every((s) => s === 200)).toBe(true);

  for (const server of [a, b]) {
    const api = await apiAs(playwright, server, chair);
    const { tally } = (await (await api.get(`/api/measures/${measure.id}/tally`)).json()) as { tally: Tally };
    expect(tally.total.support + tally.total.oppose + tally.total.abstain).toBe(60);
    for (const camp of Object.values(tally.byCamp)) expect(camp.support + camp.oppose + camp.abstain).toBe(20);
    // The live view ends where the database is.
    await expect
      .poll(() => {
        const last = watcher.events.filter((e) => e.type === "positions:changed").sort((x, y) => x.seq - y.seq).at(-1);
        return last?.type === "positions:changed" ? last.changes.find((c) => c.measureId === measure.id)?.tally : null;
      })
      .toEqual(tally);
    await api.dispose();
  }
});
