// When the database fails under a request: the caller gets a clear 503, the transaction it cut
// leaves nothing behind, and the same request sent again succeeds once.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openPostgres, setDatabase, type Database } from "@/db/client";
import { auditEvents, forums, positions } from "@/db/schema";
import { errorResponse } from "@/lib/http/route";
import { positionRequestFor, servePosition } from "@/lib/http/position-endpoint";
import { describePostgres, openTestPostgres, postgresUrl } from "./support/databases";
import { addMember, newForum } from "./support/world";
import { createToken, proposeMeasure } from "@/tests/support/edge";

describe("a database that cannot be reached", () => {
  it("is answered 503 with a message a person can act on", async () => {
    // A real refused connection, not a constructed error.
    const nowhere: unknown = await openPostgres("postgres://postgres@127.0.0.1:1/none").catch((e: unknown) => e);
    const res = errorResponse(nowhere);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({
      error: "The database is unavailable right now, so this could not be done. Please try again in a few seconds.",
    });
    expect(errorResponse(new Error("a bug")).status).toBe(500);
  });
});

describePostgres("a connection cut in the middle of a write (PostgreSQL)", () => {
  let database: Database;
  let admin: pg.Client;
  // The position endpoint as server.ts serves it, on a real port.
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = createServer((req, res) => void servePosition(req, res, positionRequestFor(req.url)!));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    database = await openTestPostgres();
    setDatabase(database);
    const url = new URL(postgresUrl!);
    const result = (await getDb().execute(sql`select current_database() as name`)) as unknown as { rows: [{ name: string }] };
    const [{ name }] = result.rows;
    url.pathname = `/${name}`;
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await new Promise((resolve) => server?.close(resolve));
    setDatabase(undefined);
    await database?.close();
  });

  const put = (measureId: string, token: string, body: unknown) =>
    fetch(`${endpoint}/api/measures/${measureId}/position`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers 503, writes nothing, and the retry with the same clientId counts once", async () => {
    const { chair, forum } = await newForum();
    const delegate = await addMember(forum, { camp: "internet_freedom" });
    const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
    const { token } = await createToken(delegate.user.id, { name: "fault test" });
    const [{ seq }] = await getDb().select({ seq: forums.seq }).from(forums).where(eq(forums.id, forum.id)) as [{ seq: number }];

    // Hold the forum's row so the write stops half-way (its position and audit row written,
    // its seq not yet), then cut its connection as a failing database would.
    await admin.query("begin");
    await admin.query("select id from forums where id = $1 for update", [forum.id]);
    const body = { stance: "support", rationale: "", clientId: randomUUID() };
    const pending = put(measure.id, token, body);
    let victim: number | undefined;
    for (let i = 0; i < 200 && !victim; i++) {
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
      );
      victim = rows[0]?.pid;
      if (!victim) await new Promise((r) => setTimeout(r, 25));
    }
    expect(victim).toBeDefined();
    await admin.query("select pg_terminate_backend($1)", [victim]);
    const res = await pending;
    await admin.query("rollback");

    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/^The database is unavailable right now/);
    const written = await getDb().select().from(positions).where(eq(positions.measureId, measure.id));
    expect(written).toEqual([]);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.measureId, measure.id), sql`${auditEvents.action} like 'position.%'`));
    expect(audited).toEqual([]);
    const [after] = await getDb().select({ seq: forums.seq }).from(forums).where(eq(forums.id, forum.id));
    expect(after!.seq).toBe(seq);

    // The pool has replaced the lost connection; the same request now goes through, once.
    for (let i = 0; i < 2; i++) expect((await put(measure.id, token, body)).status).toBe(200);
    expect(await getDb().select().from(positions).where(eq(positions.measureId, measure.id))).toHaveLength(1);
  });
});
