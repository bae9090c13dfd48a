import "server-only";
// The one database handle of the process: PGlite in DATA_DIR by default, node-postgres when
// DATABASE_URL is set. Kept on globalThis because server.ts and Next's bundle each load their
// own copy of this module and must share one connection (see STACK-NOTES.md).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any constant will do; it only has to be the same for every instance.
const MIGRATION_LOCK = 727_001;

/**
 * Opens PGlite in `dataDir` (or in memory when undefined) and applies the migrations.
 *
 * Transactions cannot interleave on PGlite's single connection: PGlite runs `transaction()`
 * and every top-level `query()` under one mutex, so a query from outside waits until the open
 * transaction commits or rolls back (tests/concurrency.test.ts checks it).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return { db, kind: "pglite", close: () => client.close() };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error("PostgreSQL connection lost:", error.message));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // drizzle's migrator takes no lock; instances starting together would race.
  const lockClient = await pool.connect();
  try {
    await lockClient.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migratePg(drizzlePg(lockClient, { schema }), { migrationsFolder });
  } finally {
    await lockClient.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
    lockClient.release();
  }
  return { db, kind: "postgres", close: () => pool.end() };
}

const holder = globalThis as unknown as { __concordDb?: Database };

/** Installs the process-wide database (at start-up, or per test file). */
export function setDatabase(database: Database | undefined) {
  holder.__concordDb = database;
}

export function getDb(): Db {
  const database = holder.__concordDb;
  if (!database) throw new Error("The database is not open yet (server.ts opens it at start-up).");
  return database.db;
}

export async function ping(db: Db = getDb()) {
  await db.execute(sql`select 1`);
}
