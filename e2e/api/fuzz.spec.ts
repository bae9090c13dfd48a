// Every endpoint of the API (the list comes from the route files) fed what an attacker sends:
// bodies that are not JSON or not objects, NUL bytes, broken Unicode, huge strings and values of
// every wrong type in every field, ids with broken percent-encoding, query strings of the same.
// Each answer must be a clear 4xx (or a success): never a 5xx. The server must be healthy after.
// On the embedded database (the suite's server) and on PostgreSQL (a server of its own).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUpByApi } from "../support/api";
import { createTestDatabase, needCluster, startInstance, stopInstance, type Playwright } from "../support/cluster";
import { endpoints, urlFor, type Endpoint } from "../support/endpoints";

// The names of the fields of every body the API takes: each bad value goes into all of them.
const fields = [
  "title", "description", "text", "body", "rationale", "reason", "name", "email", "password", "code", "delegation",
  "summary", "stance", "kind", "category", "role", "status", "to", "rule", "deadline", "minutes", "quorum", "crossCampMin",
  "clientId", "paragraphId", "memberId", "requestId", "seconds", "version", "baseRevision", "draft", "camp",
  "stakeholderGroup", "defaultRule", "defaultQuorum", "defaultCrossCampMin", "discloseMemberNames", "csrfToken", "json",
];
const everyField = (value: string) => `{${fields.map((f) => `"${f}":${value}`).join(",")}}`;
// A long value in the fields that hold long text, the body staying under the server's limit
// (lib/http/edge.ts; a larger body is refused with 413 before it is read, tested in edge.spec.ts).
const longText = (value: string) =>
  `{${["title", "text", "body", "name", "description"].map((f) => `"${f}":${value}`).join(",")}}`;

// Raw bodies, written as text so that they can hold what JSON.stringify would not produce.
const bodies = [
  "{not json",
  "",
  "null",
  "[1,2,3]",
  '"just a string"',
  everyField('"nul\\u0000byte"'),
  everyField('"lone \\ud800 surrogate"'),
  everyField('"\\udc00\\ud800 reversed"'),
  everyField("1e308"),
  everyField("-1"),
  everyField("null"),
  everyField("[]"),
  everyField("{}"),
  everyField("true"),
  longText(JSON.stringify("x".repeat(40_000))),
  longText(JSON.stringify("🤝".repeat(10_000))),
];

const brokenIds = ["%zz", "%ED%A0%80", "%C0%AF", "%00", "..%2F..%2Fetc", "x".repeat(3_000)];
const brokenQuery =
  "?format=%00&view=%ED%A0%80&from=abc&to=-1&page=1e999&before=x&limit=999999&measureId=%00&format=csv&dataset=%zz";

/** A forum with a chair, a delegate, a measure, an alternative, an amendment and a floor request: real ids for every path. */
async function world(request: APIRequestContext, delegateRequest: APIRequestContext) {
  await signUpByApi(request, "Fuzz Chair");
  await signUpByApi(delegateRequest, "Fuzz Delegate");
  const forum = (await (await request.post("/api/forums", { data: { title: "Fuzzed forum" } })).json()) as { id: string; joinCode: string };
  await delegateRequest.post("/api/forums/join", { data: { code: forum.joinCode, delegation: "Fuzzland", camp: "non_aligned", stakeholderGroup: "state" } });
  const measure = (await (await request.post(`/api/forums/${forum.id}/measures`, { data: { title: "Fuzzed", kind: "cbm", text: "One.\n\nTwo." } })).json()) as { id: string };
  const page = (await (await request.get(`/api/measures/${measure.id}`)).json()) as { compilation: { paragraphs: { id: string }[] } };
  const paragraphId = page.compilation.paragraphs[0]!.id;
  const alternative = (await (await delegateRequest.post(`/api/measures/${measure.id}/alternatives`, { data: { kind: "replace", paragraphId, text: "Uno." } })).json()) as { id: string };
  const amendment = (await (await delegateRequest.post(`/api/measures/${measure.id}/amendments`, { data: { text: "All new.", rationale: "Why not." } })).json()) as { id: string };
  const floor = (await (await delegateRequest.post(`/api/forums/${forum.id}/speakers`, { data: { clientId: randomUUID() } })).json()) as { requestId: string };
  const members = (await (await request.get(`/api/forums/${forum.id}/members`)).json()) as { members: { id: string; delegation: string }[] };
  const token = (await (await request.post("/api/tokens", { data: { name: "fuzz" } })).json()) as { id: string };
  return {
    forumId: forum.id,
    measureId: measure.id,
    paragraphId,
    alternativeId: alternative.id,
    amendmentId: amendment.id,
    requestId: floor.requestId,
    memberId: members.members.find((m) => m.delegation === "Fuzzland")!.id,
    tokenId: token.id,
    number: "1",
    dataset: "positions",
  };
}

/** The concrete path of next-auth's catch-all for a method. */
const nextAuthPath = (method: string) => (method === "POST" ? "callback/credentials" : "session");

async function fuzz(playwright: Playwright, baseURL: string) {
  const request = await playwright.request.newContext({ baseURL });
  const delegate = await playwright.request.newContext({ baseURL });
  const ids = await world(request, delegate);
  const failures: string[] = [];
  let sent = 0;
  const send = async (endpoint: Endpoint, url: string, body?: string, contentType = "application/json") => {
    sent += 1;
    const res = await request.fetch(url, {
      method: endpoint.method,
      ...(body === undefined ? {} : { data: body, headers: { "content-type": contentType } }),
    });
    if (res.status() >= 500) failures.push(`${endpoint.method} ${url.slice(0, 120)} ${body?.slice(0, 60) ?? ""} → ${res.status()}`);
  };

  // Signing out everywhere ends the session the rest of the run is sent with: it goes last.
  const endsSession = (e: Endpoint) => e.method === "DELETE" && e.path === "/api/account/sessions";
  for (const endpoint of [...endpoints().filter((e) => !endsSession(e)), ...endpoints().filter(endsSession)]) {
    const values = { ...ids, nextauth: nextAuthPath(endpoint.method) };
    const url = urlFor(endpoint, values, "");
    const hasBody = endpoint.method !== "GET";
    if (hasBody) {
      for (const body of bodies) await send(endpoint, url, body);
      await send(endpoint, url, everyField('"plain text"'), "text/plain");
      await send(endpoint, url, "a=%00&b=%zz", "application/x-www-form-urlencoded");
    }
    await send(endpoint, url + brokenQuery, hasBody ? "{}" : undefined);
    for (const param of [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
      for (const broken of brokenIds) {
        const brokenUrl = urlFor(endpoint, { ...values, [param]: broken }, "");
        await send(endpoint, brokenUrl, hasBody ? "{}" : undefined);
      }
    }
  }
  for (const page of ["/forums/%zz", "/forums/%ED%A0%80", `/forums/${ids.forumId}/measures/%C0%AF`, "/join/%00", "/signin?next=%ED%A0%80"]) {
    const res = await request.get(page, { maxRedirects: 0 });
    if (res.status() >= 500) failures.push(`GET ${page} → ${res.status()}`);
  }
  expect(failures, `${failures.length} of ${sent} requests answered 5xx`).toEqual([]);
  expect((await request.get("/api/health")).status()).toBe(200);
  console.log(`${sent} fuzzed requests to ${endpoints().length} endpoints on ${baseURL}: no 5xx, healthy after`);
  await Promise.all([request.dispose(), delegate.dispose()]);
}

test("no input makes an endpoint answer 5xx (embedded database)", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  await fuzz(playwright, baseURL!);
});

test("no input makes an endpoint answer 5xx (PostgreSQL)", async ({ playwright }) => {
  test.setTimeout(180_000);
  await needCluster("the PostgreSQL fuzz test", { redis: false });
  const database = await createTestDatabase();
  const server = await startInstance(3181, { DATABASE_URL: database.url });
  try {
    await fuzz(playwright, server.url);
  } finally {
    await stopInstance(server);
    await database.drop();
  }
});
