// The sign-in and registration throttle on real servers, every limit at its default. Clients are
// told apart by X-Forwarded-For on a server started with TRUST_PROXY=1 (as behind one proxy), each
// test with addresses of its own; the suite's shared server (no TRUST_PROXY) shows that the header
// is not believed otherwise. Two instances on PostgreSQL and Redis count together.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { PASSWORD, newPerson } from "../support/api";
import { createTestDatabase, needCluster, startInstance, stopInstance, type Playwright } from "../support/cluster";
import { formError } from "../support/people";
import { startServer, type RunningServer } from "../support/server";

const PORT = 3191;
let server: RunningServer;

test.beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-throttle-"));
  server = await startServer({ DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${PORT}`, SEED_DEMO: "false", TRUST_PROXY: "1" }, PORT);
});
test.afterAll(async () => {
  await stopInstance(server);
});

/** An address no other test (or earlier run, in a shared Redis) has used: a /64 of the documentation range. */
const newAddress = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

/** A client at `address`: its requests carry it as the proxy in front would. */
const clientAt = (playwright: Playwright, baseURL: string, address: string) =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });

async function signInAttempt(client: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}): Promise<APIResponse> {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return client.post("/api/auth/callback/credentials", { headers, form: { email, password, csrfToken, json: "true" } });
}

async function registered(client: APIRequestContext) {
  const person = newPerson("Throttle Target");
  expect((await client.post("/api/register", { data: { ...person, password: PASSWORD } })).status()).toBe(201);
  return person;
}

async function expectThrottled(res: APIResponse, message: string, maxSeconds: number) {
  expect(res.status()).toBe(429);
  const retryAfter = Number(res.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(maxSeconds - 120);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(await res.json()).toEqual({ error: message });
}

const SIGN_IN_REFUSED = "Too many failed attempts to sign in. Try again in 15 minutes.";

test("the sixth wrong password from one client gets 429 with Retry-After; another client still signs in", async ({ playwright }) => {
  const attacker = await clientAt(playwright, server.url, newAddress());
  const person = await registered(attacker);
  for (let i = 0; i < 5; i++) expect((await signInAttempt(attacker, person.email, `wrong guess ${i}`)).status()).toBe(401);
  await expectThrottled(await signInAttempt(attacker, person.email, "wrong guess 5"), SIGN_IN_REFUSED, 900);
  // Now even the right password from that client waits: a guess that happens to be right tells nothing.
  expect((await signInAttempt(attacker, person.email, PASSWORD)).status()).toBe(429);
  // An address the client names in the server's internal header is not believed.
  expect((await signInAttempt(attacker, person.email, PASSWORD, { "x-concord-client": newAddress() })).status()).toBe(429);

  const owner = await clientAt(playwright, server.url, newAddress());
  expect((await signInAttempt(owner, person.email, PASSWORD)).status()).toBe(200);
  await Promise.all([attacker.dispose(), owner.dispose()]);
});

test("the sign-in page shows how long to wait", async ({ browser, playwright }) => {
  const address = newAddress();
  const setup = await clientAt(playwright, server.url, address);
  const person = await registered(setup);
  for (let i = 0; i < 5; i++) await signInAttempt(setup, person.email, `wrong guess ${i}`);
  await setup.dispose();

  const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formError(page)).toHaveText(SIGN_IN_REFUSED);
  await page.screenshot({ path: "e2e/screenshots/sign-in-throttled.png", fullPage: true });
  await context.close();
});

test("guesses at one account spread over many addresses stop at 100 failures an hour", async ({ playwright }) => {
  test.setTimeout(120_000);
  const first = await clientAt(playwright, server.url, newAddress());
  const person = await registered(first);
  await first.dispose();
  // 20 addresses, 5 guesses each: none of them alone reaches its own limit.
  for (let a = 0; a < 20; a++) {
    const client = await clientAt(playwright, server.url, newAddress());
    for (let i = 0; i < 5; i++) expect((await signInAttempt(client, person.email, `spread guess ${a}.${i}`)).status()).toBe(401);
    await client.dispose();
  }
  const next = await clientAt(playwright, server.url, newAddress());
  await expectThrottled(await signInAttempt(next, person.email, PASSWORD), "Too many failed attempts to sign in. Try again in 60 minutes.", 3600);
  await next.dispose();
});

test("one address guessing at many accounts stops at 50 failures", async ({ playwright }) => {
  test.setTimeout(120_000);
  const address = newAddress();
  const client = await clientAt(playwright, server.url, address);
  for (let i = 0; i < 50; i++) expect((await signInAttempt(client, `nobody.${randomUUID().slice(0, 8)}@example.org`, "a guess")).status()).toBe(401);
  await expectThrottled(await signInAttempt(client, `nobody.${randomUUID().slice(0, 8)}@example.org`, "a guess"), SIGN_IN_REFUSED, 900);
  await client.dispose();
});

test("registration from one address stops at 10 attempts an hour, whatever the emails", async ({ playwright }) => {
  const client = await clientAt(playwright, server.url, newAddress());
  const existing = await registered(client);
  for (let i = 0; i < 8; i++) {
    expect((await client.post("/api/register", { data: { ...newPerson(`Enumerator ${i}`), password: PASSWORD } })).status()).toBe(201);
  }
  // The tenth, for an email that has an account, answers as any other.
  expect((await client.post("/api/register", { data: { ...existing, password: "amber violin orchard" } })).status()).toBe(201);
  const refused = await client.post("/api/register", { data: { ...newPerson("One Too Many"), password: PASSWORD } });
  await expectThrottled(refused, "Too many attempts to create an account from this network. Try again in 60 minutes.", 3600);
  const elsewhere = await clientAt(playwright, server.url, newAddress());
  expect((await elsewhere.post("/api/register", { data: { ...newPerson("Elsewhere"), password: PASSWORD } })).status()).toBe(201);
  await Promise.all([client.dispose(), elsewhere.dispose()]);
});

test("without TRUST_PROXY, X-Forwarded-For does not make a client someone new", async ({ playwright, baseURL }) => {
  const person = newPerson("Header Forger");
  const setup = await playwright.request.newContext({ baseURL });
  expect((await setup.post("/api/register", { data: { ...person, password: PASSWORD } })).status()).toBe(201);
  await setup.dispose();
  const client = await clientAt(playwright, baseURL!, newAddress());
  for (let i = 0; i < 5; i++) expect((await signInAttempt(client, person.email, `wrong guess ${i}`)).status()).toBe(401);
  await client.dispose();
  const disguised = await clientAt(playwright, baseURL!, newAddress());
  expect((await signInAttempt(disguised, person.email, PASSWORD)).status()).toBe(429);
  await disguised.dispose();
});

test("two instances on Redis count the same attempts", async ({ playwright }) => {
  test.setTimeout(120_000);
  await needCluster("the shared sign-in throttle");
  const database = await createTestDatabase();
  const instances = await Promise.all([
    startInstance(3192, { DATABASE_URL: database.url, REDIS_URL: "redis://127.0.0.1:6379", TRUST_PROXY: "1" }),
    startInstance(3193, { DATABASE_URL: database.url, REDIS_URL: "redis://127.0.0.1:6379", TRUST_PROXY: "1" }),
  ]);
  try {
    const address = newAddress();
    const onA = await clientAt(playwright, instances[0].url, address);
    const onB = await clientAt(playwright, instances[1].url, address);
    const person = await registered(onA);
    for (let i = 0; i < 3; i++) expect((await signInAttempt(onA, person.email, `wrong guess ${i}`)).status()).toBe(401);
    for (let i = 3; i < 5; i++) expect((await signInAttempt(onB, person.email, `wrong guess ${i}`)).status()).toBe(401);
    expect((await signInAttempt(onA, person.email, PASSWORD)).status()).toBe(429);
    expect((await signInAttempt(onB, person.email, PASSWORD)).status()).toBe(429);
    await Promise.all([onA.dispose(), onB.dispose()]);
  } finally {
    await Promise.all(instances.map(stopInstance));
    await database.drop();
  }
});
