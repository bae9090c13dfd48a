// The large forum for page speed: 200 measures, 10,000 comments and 20,000 positions by default.
// The forum, its members and its measures are made through the API. The positions and comments
// are either written through the API too (`seedLargeViaApi`: exactly what the app writes, but at
// the server's write rate that takes minutes) or inserted in bulk (`seedLargeBulk`) with the rows
// the API would have written: the position or comment with the member's camp and group, its
// audit entry, and the forum's sequence number moved on by one per write.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../db/schema";
import type { HttpClient } from "./http";
import { cpuMs } from "./procs";
import { quantileOf, round } from "./stats";
import { makeForums, pool, proposeMeasures, stances, type World } from "./world";

export interface LargeForumSpec {
  measures: number;
  comments: number;
  positions: number;
}

const LONG_COMMENT = [
  "Thank you, Chair. Our delegation **supports** the intent of this measure, with two remarks:",
  "",
  "- the reference to *critical infrastructure* should follow the agreed language of the 2015 report;",
  "- requests under paragraph 2 should be answered in a working language of the requesting State.",
  "",
  "We are ready to work with co-authors on a revised text before the next session.",
].join("\n");

export interface LargeForum {
  forum: World["forums"][number];
  members: { id: string; camp: string; stakeholderGroup: string }[];
}

/** The forum, its members (every bench user) and its measures, through the API. */
export async function makeLargeForum(http: HttpClient, users: World["users"], measures: number): Promise<LargeForum> {
  const [forum] = await makeForums(http, users, 1, "Large forum");
  await proposeMeasures(http, users[0]!.cookie, forum!, measures, 8);
  const { members } = await http.json<{ members: LargeForum["members"] }>("GET", `/api/forums/${forum!.id}/members`, { cookie: users[0]!.cookie });
  return { forum: forum!, members };
}

/**
 * Inserts the positions and comments of the large forum straight into the database: PGlite's
 * data directory while no server runs (it is single-process), or PostgreSQL at any time.
 */
export async function seedLargeBulk(
  target: { pgliteDir: string } | { databaseUrl: string },
  large: LargeForum,
  spec: LargeForumSpec,
  log: (s: string) => void,
) {
  const t0 = performance.now();
  let close: () => Promise<void>;
  let db: ReturnType<typeof drizzlePg<typeof schema>> | ReturnType<typeof drizzlePglite<typeof schema>>;
  if ("pgliteDir" in target) {
    if (!fs.existsSync(target.pgliteDir)) throw new Error(`no PGlite data directory at ${target.pgliteDir}`);
    const client = await PGlite.create({ dataDir: target.pgliteDir });
    db = drizzlePglite(client, { schema });
    close = () => client.close();
  } else {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
    db = drizzlePg(pool, { schema });
    close = () => pool.end();
  }
  try {
    const { forum, members } = large;
    const M = forum.measures.length;
    const U = members.length;
    // One position per member and measure.
    if (spec.positions > M * U) {
      log(`    ! ${spec.positions} positions do not fit ${M} measures × ${U} members: ${M * U} instead`);
      spec = { ...spec, positions: M * U };
    }
    const start = Date.now() - 3 * 3600_000;
    const at = (i: number, n: number) => new Date(start + Math.floor((i / n) * 3 * 3600_000));
    type Camp = (typeof schema.positions.$inferInsert)["camp"];
    type Group = (typeof schema.positions.$inferInsert)["stakeholderGroup"];
    const positionRows: (typeof schema.positions.$inferInsert)[] = [];
    const commentRows: (typeof schema.comments.$inferInsert)[] = [];
    const auditRows: (typeof schema.auditEvents.$inferInsert)[] = [];
    for (let i = 0; i < spec.positions; i++) {
      const m = i % M;
      const member = members[Math.floor(i / M) % U]!;
      const stance = stances[(i + m) % 3]!;
      const rationale = i % 4 === 0 ? "Consistent with our national position." : "";
      const when = at(i, spec.positions);
      positionRows.push({
        measureId: forum.measures[m]!,
        memberId: member.id,
        stance,
        rationale,
        camp: member.camp as Camp,
        stakeholderGroup: member.stakeholderGroup as Group,
        clientId: randomUUID(),
        createdAt: when,
        updatedAt: when,
      });
      auditRows.push({
        forumId: forum.id,
        actorMemberId: member.id,
        action: "position.taken",
        measureId: forum.measures[m]!,
        before: null,
        after: { stance, camp: member.camp, rationale },
        createdAt: when,
      });
    }
    for (let i = 0; i < spec.comments; i++) {
      const member = members[(i * 7) % U]!;
      const id = randomUUID();
      const when = at(i, spec.comments);
      commentRows.push({
        id,
        measureId: forum.measures[i % M]!,
        memberId: member.id,
        body: i % 3 === 0 ? LONG_COMMENT : `Noted (${i}). We would like the chair to circulate a revised text.`,
        camp: member.camp as Camp,
        stakeholderGroup: member.stakeholderGroup as Group,
        clientId: randomUUID(),
        createdAt: when,
      });
      auditRows.push({ forumId: forum.id, actorMemberId: member.id, action: "comment.added", measureId: forum.measures[i % M]!, after: { commentId: id }, createdAt: when });
    }
    // The log in time order, as the app would have appended it.
    auditRows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
    const chunk = 1_000;
    await db.transaction(async (tx) => {
      for (let i = 0; i < positionRows.length; i += chunk) await tx.insert(schema.positions).values(positionRows.slice(i, i + chunk));
      for (let i = 0; i < commentRows.length; i += chunk) await tx.insert(schema.comments).values(commentRows.slice(i, i + chunk));
      for (let i = 0; i < auditRows.length; i += chunk) await tx.insert(schema.auditEvents).values(auditRows.slice(i, i + chunk));
      await tx
        .update(schema.forums)
        .set({ seq: sql`${schema.forums.seq} + ${positionRows.length + commentRows.length}` })
        .where(eq(schema.forums.id, forum.id));
    });
    // PostgreSQL's autovacuum analyses the tables after such an insert; PGlite has no autovacuum
    // (single-user mode), so an embedded database keeps whatever statistics it had, as in use.
    if (!("pgliteDir" in target)) await db.execute(sql`analyze`);
    log(`    bulk insert: ${positionRows.length} positions, ${commentRows.length} comments, ${auditRows.length} audit entries in ${round((performance.now() - t0) / 1000, 1)} s`);
  } finally {
    await close();
  }
}

/** The positions and comments through the API (`--large-via-api`): slow, but only the app writes. */
export async function seedLargeViaApi(http: HttpClient, users: World["users"], spec: LargeForumSpec, log: (s: string) => void) {
  const started = performance.now();
  const { forum } = await makeLargeForum(http, users, spec.measures);
  const M = forum.measures.length;
  const U = users.length;
  log(`    ${M} measures, ${U} members (${round((performance.now() - started) / 1000, 1)} s)`);

  const writes: { kind: "position" | "comment"; m: number; u: number; i: number }[] = [];
  for (let i = 0; i < spec.positions; i++) writes.push({ kind: "position", m: i % M, u: Math.floor(i / M) % U, i });
  for (let i = 0; i < spec.comments; i++) writes.push({ kind: "comment", m: i % M, u: (i * 7) % U, i });
  // Interleaved, as a real session would write them.
  writes.sort((a, b) => a.i - b.i || (a.kind < b.kind ? -1 : 1));
  const t0 = performance.now();
  let failed = 0;
  await pool(writes, 32, async (w) => {
    const measureId = forum.measures[w.m]!;
    const cookie = users[w.u]!.cookie;
    const reply =
      w.kind === "position"
        ? await http.request("PUT", `/api/measures/${measureId}/position`, {
            cookie,
            body: { stance: stances[(w.u + w.m) % 3], rationale: w.u % 4 === 0 ? "Consistent with our national position." : "", clientId: randomUUID() },
          })
        : await http.request("POST", `/api/measures/${measureId}/comments`, {
            cookie,
            body: { body: w.i % 3 === 0 ? LONG_COMMENT : `Noted (${w.i}). We would like the chair to circulate a revised text.`, clientId: randomUUID() },
          });
    if (reply.status !== 200 && reply.status !== 201) {
      failed++;
      if (failed <= 3) log(`    ${w.kind} failed: ${reply.status} ${reply.body.slice(0, 160)}`);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  log(`    ${writes.length} writes in ${round(seconds, 1)} s (${round(writes.length / seconds, 0)}/s closed loop, 32 in flight), ${failed} failed`);
  return { forum, seedSeconds: round((performance.now() - started) / 1000, 1), writesPerSecond: round(writes.length / seconds, 0), failed };
}

export interface PageResult {
  path: string;
  status: number;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  htmlBytes: number;
  gzipBytes: number;
  /** Server CPU time per request (all instances), ms: steadier than response times on a busy machine. */
  cpuMs: number;
}

/** Warm server response time of a page: `warmup` requests first, then `samples` one after another. */
export async function timePage(http: HttpClient, cookie: string, path: string, samples: number, pids: number[], warmup = 5): Promise<PageResult> {
  let last = await http.request("GET", path, { cookie, headers: { "accept-encoding": "identity" } });
  for (let i = 1; i < warmup; i++) last = await http.request("GET", path, { cookie, headers: { "accept-encoding": "identity" } });
  const times: number[] = [];
  const cpu0 = pids.reduce((n, pid) => n + cpuMs(pid), 0);
  for (let i = 0; i < samples; i++) {
    const r = await http.request("GET", path, { cookie, headers: { "accept-encoding": "identity" } });
    times.push(r.ms);
    last = r;
  }
  const cpu = (pids.reduce((n, pid) => n + cpuMs(pid), 0) - cpu0) / samples;
  const bytes = Buffer.byteLength(last.body);
  return {
    path,
    status: last.status,
    samples,
    p50: round(quantileOf(times, 0.5)),
    p95: round(quantileOf(times, 0.95)),
    max: round(Math.max(...times)),
    htmlBytes: bytes,
    gzipBytes: gzipSync(last.body).length,
    cpuMs: round(cpu, 1),
  };
}
