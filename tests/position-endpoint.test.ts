// PUT /api/measures/:measureId/position as server.ts serves it (outside Next): over real HTTP on
// a real port, with a real session cookie and API token, against PGlite. The contract is every
// route handler's: 401 before anything else, then the body (400, 413, 422), then the domain.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { forgedCookie, sessionCookie } from "./support/sessions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { positions } from "@/db/schema";
import { positionRequestFor, servePosition } from "@/lib/http/position-endpoint";
import { openTestPglite, withDatabase } from "./support/databases";
import { addMember, newForum } from "./support/world";
import { createToken, proposeMeasure } from "@/tests/support/edge";

const secret = "a-test-secret-for-the-position-endpoint-0123";
let server: Server;
let base: string;

withDatabase(openTestPglite);
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = secret;
  // As server.ts routes: this endpoint's paths here, everything else to Next (here: 404).
  server = createServer((req, res) => {
    const measureId = positionRequestFor(req.url);
    if (measureId !== null) void servePosition(req, res, measureId);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function delegateWithMeasure() {
  const { chair, forum } = await newForum();
  const delegate = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
  const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
  const cookie = (await sessionCookie(delegate.user.id)).header;
  return { delegate, measure, cookie };
}

const put = (measureId: string, headers: Record<string, string>, body: string, method = "PUT") =>
  fetch(`${base}/api/measures/${measureId}/position`, { method, headers: { "content-type": "application/json", ...headers }, body: method === "GET" ? undefined : body });

const valid = () => JSON.stringify({ stance: "support", rationale: "Workable.", clientId: randomUUID() });

describe("PUT /api/measures/:measureId/position", () => {
  it("takes the signed-in delegate's position and answers it with the tally", async () => {
    const { delegate, measure, cookie } = await delegateWithMeasure();
    const res = await put(measure.id, { cookie }, valid());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { position: { stance: string; delegation: string }; tally: { byCamp: Record<string, unknown> } };
    expect(body.position).toMatchObject({ stance: "support", rationale: "Workable.", camp: "cyber_sovereignty", delegation: "Meridia" });
    expect(body.tally.byCamp.cyber_sovereignty).toEqual({ support: 1, oppose: 0, abstain: 0 });
    const stored = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
    expect(stored.map((p) => [p.memberId, p.stance])).toEqual([[delegate.member.id, "support"]]);
  });

  it("accepts an API token in place of the session cookie", async () => {
    const { delegate, measure } = await delegateWithMeasure();
    const { token } = await createToken(delegate.user.id, { name: "script" });
    expect((await put(measure.id, { authorization: `Bearer ${token}` }, valid())).status).toBe(200);
  });

  it("answers 401 to no session, a forged one or a bad token, before looking at the body", async () => {
    const { measure } = await delegateWithMeasure();
    const forged = await forgedCookie();
    const callers: Record<string, string>[] = [{}, { cookie: forged }, { authorization: "Bearer cnc_nonsense" }];
    for (const headers of callers) {
      const res = await put(measure.id, headers, "not json");
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/sign in|invalid or has been revoked/);
    }
  });

  it("refuses bad bodies with 400, 413 and 422, writing nothing", async () => {
    const { measure, cookie } = await delegateWithMeasure();
    const cases: [string, number, RegExp][] = [
      ["{ not json", 400, /valid JSON/],
      [JSON.stringify({ stance: "support", rationale: "x".repeat(40_000), clientId: randomUUID() }), 413, /at most 32 KB/],
      [JSON.stringify({ stance: "maybe", clientId: randomUUID() }), 422, /support, oppose or abstain/],
      [JSON.stringify({ stance: "support" }), 422, /clientId/],
    ];
    for (const [body, status, message] of cases) {
      const res = await put(measure.id, { cookie }, body);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(await getDb().select().from(positions).where(eq(positions.measureId, measure.id))).toEqual([]);
  });

  it("answers 404 for an unknown or malformed measure id, and 405 for another method", async () => {
    const { cookie } = await delegateWithMeasure();
    expect((await put(randomUUID(), { cookie }, valid())).status).toBe(404);
    expect((await put("not-a-uuid", { cookie }, valid())).status).toBe(404);
    const res = await put(randomUUID(), { cookie }, "", "GET");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("PUT");
  });
});
