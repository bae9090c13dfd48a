// SIGTERM: the server stops accepting connections, finishes the request in flight, closes live
// connections with a proper disconnect, and exits 0; what that request wrote is there after a
// restart.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiAs, liveClient, registerPerson, secret } from "../support/cluster";
import { exited, startServer, type RunningServer } from "../support/server";

const PORT = 3177;

// Whatever happens in the test, none of its servers outlives it.
const running: RunningServer[] = [];
test.afterEach(() => running.forEach((s) => s.child.exitCode === null && s.child.signalCode === null && s.child.kill("SIGKILL")));

/**
 * Sends the headers and half the body of a POST now; `accepted` resolves once the server has read
 * the headers and is serving the request (it answered "100 Continue"), `finish` sends the rest
 * and resolves with the response.
 */
function slowPost(url: string, cookie: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const req = http.request(url, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", "content-length": payload.length, expect: "100-continue" },
  });
  const accepted = new Promise<void>((resolve) => req.once("continue", () => {
    req.write(payload.subarray(0, payload.length >> 1));
    resolve();
  }));
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
    });
    req.on("error", reject);
  });
  req.flushHeaders();
  return {
    accepted,
    finish() {
      req.end(payload.subarray(payload.length >> 1));
      return response;
    },
  };
}

function refused(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });
}

test("SIGTERM finishes the request in flight, closes live connections cleanly and exits 0", async ({ playwright }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-sigterm-"));
  const env = { DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${PORT}`, NEXTAUTH_SECRET: secret, SEED_DEMO: "false" };
  let server = await startServer(env, PORT);
  running.push(server);
  const bootstrap = await playwright.request.newContext({ baseURL: server.url });
  const chair = await registerPerson(bootstrap, "Chair");
  const api = await apiAs(playwright, server, chair);
  const forum = (await (await api.post("/api/forums", { data: { title: "Shutdown forum" } })).json()) as { id: string };
  const measure = (await (await api.post(`/api/forums/${forum.id}/measures`, { data: { title: "Hotline", kind: "cbm", text: "x" } })).json()) as { id: string };
  const live = await liveClient(server, chair, forum.id);
  const disconnected = new Promise<string>((resolve) => live.once("disconnect", resolve));

  const inFlight = slowPost(`${server.url}/api/measures/${measure.id}/comments`, chair.cookie, { body: "Said as the lights went out", clientId: randomUUID() });
  await inFlight.accepted;
  server.child.kill("SIGTERM");

  // Live connections are closed with a disconnect packet, not dropped.
  expect(await disconnected).toBe("io server disconnect");
  // No new connections...
  await expect.poll(() => refused(PORT)).toBe(true);
  // ...but the request in flight is finished, and its connection is not kept alive.
  const res = await inFlight.finish();
  expect(res.status).toBe(201);
  expect(res.connection).toBe("close");
  expect(await exited(server.child)).toBe(0);
  expect(server.output()).toContain("SIGTERM: finishing requests in flight and shutting down");
  expect(server.output()).toContain("Stopped.");
  live.close();

  server = await startServer(env, PORT);
  running.push(server);
  try {
    const again = await apiAs(playwright, server, chair);
    const page = (await (await again.get(`/api/measures/${measure.id}`)).json()) as { comments: { html: string }[] };
    expect(page.comments.map((c) => c.html)).toEqual([expect.stringContaining("Said as the lights went out")]);
    await again.dispose();
  } finally {
    server.child.kill("SIGTERM");
    await exited(server.child);
    await Promise.all([api.dispose(), bootstrap.dispose()]);
  }
});
