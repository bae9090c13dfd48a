// The embedded database on disk flushes what it commits (db/durable-pglite.ts): PGlite alone never
// calls fsync, so a power cut could lose acknowledged writes. This checks that a commit reaches
// the disk through fsync, which PGlite's internals could stop passing on in a later version.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { openPglite, type Database } from "@/db/client";

const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "concord-durable-")), "pglite");
let database: Database;
const flushed: string[] = [];

beforeAll(async () => {
  const fsync = fs.fsyncSync;
  vi.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
    flushed.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
    fsync(fd);
  });
  database = await openPglite(dataDir);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await database.close();
});

it("flushes a new data directory once it is made", () => {
  expect(flushed).toContain(path.join(dataDir, "PG_VERSION"));
  expect(flushed).toContain(path.join(dataDir, "global", "pg_control"));
  expect(flushed).toContain(path.dirname(dataDir));
});

it("runs PostgreSQL with fsync on, flushing the WAL by fsync", async () => {
  const setting = async (name: string) => {
    const { rows } = (await database.db.execute(sql.raw(`show ${name}`))) as unknown as { rows: Record<string, string>[] };
    return rows[0]![name];
  };
  expect(await setting("fsync")).toBe("on");
  expect(await setting("wal_sync_method")).toBe("fsync");
});

it("flushes the WAL before a commit returns", async () => {
  await database.db.execute(sql`create table durable_probe (n int)`);
  for (let n = 0; n < 3; n++) {
    flushed.length = 0;
    await database.db.execute(sql`insert into durable_probe values (${n})`);
    expect(flushed.filter((file) => file.startsWith(path.join(dataDir, "pg_wal")))).toHaveLength(1);
  }
  flushed.length = 0;
  await database.db.execute(sql`select count(*) from durable_probe`);
  expect(flushed).toEqual([]);
});

it("flushes the data files it changed at a checkpoint", async () => {
  flushed.length = 0;
  await database.db.execute(sql`checkpoint`);
  expect(flushed.some((file) => file.startsWith(path.join(dataDir, "base")))).toBe(true);
  expect(flushed).toContain(path.join(dataDir, "global", "pg_control"));
});
