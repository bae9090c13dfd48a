// The JSON API against the real server: anonymous callers are refused everywhere, a personal
// token made on the account page authenticates a script until it is revoked, and errors come as
// `{ error, details? }` with the right status.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUpByApi } from "../support/api";
import { endpoints, idParams, urlFor } from "../support/endpoints";
import { personInNewContext } from "../support/people";

const someId = randomUUID();
const protectedEndpoints = endpoints().filter((e) => !e.open);
const sampleParams = { number: "1", dataset: "positions" };

test("every endpoint refuses an anonymous caller and a bad token with 401", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const endpoint of protectedEndpoints) {
    const { method } = endpoint;
    const url = urlFor(endpoint, sampleParams, someId);
    const data = method === "GET" ? undefined : {};
    const res = await anonymous.fetch(url, { method, data });
    expect(res.status(), `${method} ${url}`).toBe(401);
    expect(await res.json()).toEqual({ error: "Please sign in to continue." });
    const bad = await anonymous.fetch(url, { method, data, headers: { authorization: "Bearer cnc_not-a-token" } });
    expect(bad.status(), `${method} ${url} with a bad token`).toBe(401);
  }
  await anonymous.dispose();
});

test("every id in a path that is not one is answered 404, like an id nobody has", async ({ request }) => {
  await signUpByApi(request, "Id Prober");
  for (const endpoint of protectedEndpoints.filter((e) => idParams(e).length > 0)) {
    for (const malformed of ["not-an-id", "%E2%80%AE", "00000000-0000-0000-0000-00000000000g"]) {
      const url = urlFor(endpoint, sampleParams, malformed);
      const data = endpoint.method === "GET" ? undefined : {};
      const res = await request.fetch(url, { method: endpoint.method, data });
      // The position endpoint checks the body first (a stance is required), then the id.
      const expected = endpoint.path.endsWith("/position") ? 422 : 404;
      expect(res.status(), `${endpoint.method} ${url}`).toBe(expected);
    }
  }
});

test("a token from the account page runs a script until it is revoked", async ({ browser, playwright, baseURL }) => {
  const person = await personInNewContext(browser, "Script Author");
  await person.page.goto("/account");
  await person.page.getByLabel("Token name").fill("tally export");
  await person.page.getByRole("button", { name: "Create token" }).click();
  const token = (await person.page.getByTestId("new-token").textContent())!.trim();
  await expect(person.page.getByRole("list", { name: "Your tokens" })).toContainText("tally export");
  await person.page.screenshot({ path: "e2e/screenshots/account.png", fullPage: true });

  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const created = await script.post("/api/forums", { data: { title: "Created by a script" } });
  expect(created.status()).toBe(201);
  const forum = await created.json();

  // Errors: malformed JSON 400, invalid input 422 with details, unknown 404, conflict 409.
  const malformed = await script.post("/api/forums", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: "The request body must be valid JSON." });
  const invalid = await script.post(`/api/forums/${forum.id}/measures`, { data: { title: "", kind: "treaty", text: "x" } });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({ error: "Title is required.", details: [{ path: "title" }, { path: "kind" }] });
  expect((await script.get(`/api/forums/${randomUUID()}`)).status()).toBe(404);
  const close = await script.post(`/api/measures/${randomUUID()}/decision/close`);
  expect(close.status()).toBe(404);
  const measure = await (await script.post(`/api/forums/${forum.id}/measures`, { data: { title: "T", kind: "cbm", text: "x" } })).json();
  expect((await script.post(`/api/measures/${measure.id}/decision/close`)).status()).toBe(409);

  person.page.once("dialog", (d) => void d.accept());
  await person.page.getByRole("button", { name: "Revoke" }).click();
  await expect(person.page.getByText("No tokens.")).toBeVisible();
  const after = await script.get("/api/forums");
  expect(after.status()).toBe(401);
  expect(await after.json()).toEqual({ error: "The API token is invalid or has been revoked." });
  await script.dispose();
  await person.context.close();
});
