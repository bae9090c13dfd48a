// What the server refuses before any handler reads a request, and the headers every answer
// carries: an oversized body is refused with 413 before it is read, a state change sent with the
// session cookie from another site is refused (HTTP and the Socket.IO handshake), and pages run
// under a nonce-based Content-Security-Policy without a single violation.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { apiCreateForum, signUpByApi } from "../support/api";
import { personInNewContext, waitLive } from "../support/people";

test("a body larger than any request needs is refused with 413 before it is read", async ({ baseURL }) => {
  const url = new URL("/api/register", baseURL);
  // 100 MB announced; only the headers and a first chunk are sent. The answer comes anyway.
  const answer = await new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": 100 * 1024 * 1024 } });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, sentBytes: req.socket?.bytesWritten ?? 0 }));
    });
    req.on("error", reject);
    req.write(Buffer.alloc(64 * 1024, "x"));
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toEqual({ error: "The request body must be at most 256 KB." });
  expect(answer.sentBytes).toBeLessThan(1024 * 1024);
});

test("a state change with the session cookie from another site is refused; a token or the site itself is not", async ({ browser, baseURL }) => {
  const person = await personInNewContext(browser, "Cross Site Target");
  const api = person.context.request;
  const evil = { origin: "http://evil.example" };
  // The classic forgery: a text/plain form post, with the victim's cookie, from elsewhere.
  const forged = await api.post("/api/forums", { headers: { ...evil, "content-type": "text/plain" }, data: '{"title":"Forged"}' });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toEqual({ error: "This request came from another site: changes are accepted only from Concord's own pages." });
  expect((await api.post("/api/tokens", { headers: { "sec-fetch-site": "cross-site" }, data: { name: "stolen" } })).status()).toBe(403);
  expect(((await (await api.get("/api/forums")).json()) as { forums: unknown[] }).forums).toEqual([]);
  // The same request from the site's own origin goes through, and so does one with an API token
  // from anywhere: a browser never sends a token by itself.
  expect((await api.post("/api/forums", { headers: { origin: baseURL! }, data: { title: "Own" } })).status()).toBe(201);
  const { token } = (await (await api.post("/api/tokens", { data: { name: "script" } })).json()) as { token: string };
  const withToken = await api.post("/api/forums", { headers: { ...evil, authorization: `Bearer ${token}` }, data: { title: "Scripted" } });
  expect(withToken.status()).toBe(201);

  // The live room: a handshake from another site is refused before the cookie is read.
  const cookie = (await person.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const outcome = (origin: string) =>
    new Promise<string>((resolve) => {
      const socket = io(baseURL!, { transports: ["websocket"], extraHeaders: { cookie, origin }, reconnection: false });
      socket.once("connect", () => (socket.close(), resolve("connected")));
      socket.once("connect_error", (error) => (socket.close(), resolve(`refused: ${error.message}`)));
    });
  expect(await outcome("http://evil.example")).toMatch(/^refused/);
  expect(await outcome(baseURL!)).toBe("connected");
  await person.context.close();
});

test("pages and the API carry the security headers; pages run under their nonce policy without a violation", async ({ browser }) => {
  const person = await personInNewContext(browser, "Policy Reader");
  const forum = await apiCreateForum(person.context.request, "Forum under a policy");
  const page = await person.context.newPage();
  // Every violation the browser reports on any page of the session.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const first = await page.goto(`/forums/${forum.id}`);
  const headers = first!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
  await waitLive(page);
  for (const path of ["/", "/account", `/forums/${forum.id}/map`, `/forums/${forum.id}/dashboard`, `/forums/${forum.id}/report`, `/forums/${forum.id}/settings`]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
  }
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  // A nonce is never used twice.
  const again = await page.goto(`/forums/${forum.id}`);
  expect(again!.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);

  const api = await (await person.context.request.get("/api/forums")).headersArray();
  const value = (name: string) => api.find((h) => h.name.toLowerCase() === name)?.value;
  expect(value("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(value("x-content-type-options")).toBe("nosniff");
  await person.context.close();
});

test("an address that does not decode is a 400, for a page and for the API", async ({ request }) => {
  await signUpByApi(request, "Address Prober");
  for (const path of ["/forums/%zz", "/forums/%ED%A0%80", "/api/forums/%C0%AF", "/api/measures/%00/tally"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
  }
});
