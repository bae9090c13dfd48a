import "server-only";
// The one database handle of the process: PGlite in DATA_DIR by default, node-postgres when
// DATABASE_URL is set. Kept process-wide (lib/process-wide.ts) because server.ts and Next's bundle
// each load their own copy of this module and must share one connection (see STACK-NOTES.md).
import fs from "node:fs";
import path from "node:path";
import { PGlite, types, type QueryOptions } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { processWide } from "@/lib/core/process-wide";
import { durableOptions, flushNewDataDir } from "./durable-pglite";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs `fn` while no other instance on this database runs an `exclusive` section. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any constant will do; it only has to be the same for every instance.
const STARTUP_LOCK = 727_001;

/**
 * Opens PGlite in `dataDir` (or in memory when undefined) and applies the migrations.
 *
 * Transactions cannot interleave on PGlite's single connection: drizzle's `transaction()` maps to
 * PGlite's, which holds PGlite's transaction mutex from BEGIN to COMMIT/ROLLBACK, and every
 * top-level `query()`/`exec()` takes the same mutex. So a second transaction, or a plain query
 * from elsewhere, waits until the open one has ended and never sees its uncommitted rows
 * (tests/concurrency.test.ts checks both). The corollary: inside a transaction use only `tx`;
 * a `getDb()` query there would wait for the mutex its own transaction holds, for ever.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const creating = dataDir !== undefined && !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  // On disk, durably (durable-pglite.ts); in memory (tests), as PGlite comes.
  const client = await PGlite.create({ ...(dataDir ? durableOptions(dataDir) : {}), parsers: drizzleParsers });
  if (creating) flushNewDataDir(dataDir);
  leaveOutCallParsers(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => transaction((tx) => fn(leaveOutCallParsers(tx)));
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  // One process per data directory (lib/data-dir.ts): nobody else to exclude.
  return { db, kind: "pglite", exclusive: (fn) => fn(), close: () => client.close() };
}

// drizzle hands PGlite the same parsers with every query (timestamps, dates and intervals kept as
// text: drizzle maps them itself), and PGlite copies them into its ~300 type parsers on every call.
// The copy costs ~0.2 ms, as much as a simple query (bench/README.md). So the parsers are installed
// once when PGlite is created, and left out of each call: the same rows, without the copy.
const identity = (value: string) => value;
const drizzleParsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, identity]),
);

function leaveOutCallParsers<T extends Pick<PGlite, "query">>(target: T): T {
  const query = target.query.bind(target);
  target.query = ((sql: string, params?: unknown[], options?: QueryOptions) =>
    query(sql, params, options && { ...options, parsers: undefined })) as T["query"];
  return target;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error("PostgreSQL connection lost:", error.message));
  // The pool listens for errors on idle connections only. One lost while checked out (in a
  // transaction) fails its query, which the caller hears about; without this listener its
  // 'error' event would also be an uncaught exception and end the process.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // Instances starting together would race: drizzle's migrator takes no lock, nor does seeding.
  // `fn` runs on the pool's other connections while one holds the lock (so poolSize >= 2).
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const lockClient = await pool.connect();
    try {
      await lockClient.query(`select pg_advisory_lock(${STARTUP_LOCK})`);
      return await fn();
    } finally {
      await lockClient.query(`select pg_advisory_unlock(${STARTUP_LOCK})`).catch(() => {});
      lockClient.release();
    }
  }
  await exclusive(() => migratePg(db as never, { migrationsFolder }));
  return { db, kind: "postgres", exclusive, close: () => pool.end() };
}

const holder = processWide("database", (): { database?: Database } => ({}));

/** Installs the process-wide database (at start-up, or per test file). */
export function setDatabase(database: Database | undefined) {
  holder.database = database;
}

/**
 * Runs `fn` in one transaction of `database`, with that transaction as the process-wide handle:
 * the domain functions `fn` calls, which each run their own transaction on getDb(), run theirs
 * inside it (drizzle makes them savepoints), so all that `fn` writes commits, or is rolled back,
 * as one. For start-up only, while nothing else runs: anything else would join the transaction.
 */
export async function asOneTransaction<T>(database: Database, fn: (db: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    setDatabase({ ...database, db });
    try {
      return await fn(db);
    } finally {
      setDatabase(database);
    }
  });
}

export function getDb(): Db {
  return getDatabase().db;
}

export function getDatabase(): Database {
  const database = holder.database;
  if (!database) throw new Error("The database is not open yet (server.ts opens it at start-up).");
  return database;
}

export async function ping(db: Db = getDb()) {
  await db.execute(sql`select 1`);
}
