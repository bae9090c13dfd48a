// Real databases for integration tests: an in-memory PGlite, or a fresh database created on the
// PostgreSQL server named by TEST_DATABASE_URL (dropped again afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openPglite, openPostgres, setDatabase, type Database } from "@/db/client";

export const postgresUrl = process.env.TEST_DATABASE_URL;

/** Why the PostgreSQL suites cannot run here, or null when TEST_DATABASE_URL names a server that answers. */
async function postgresUnavailable(): Promise<string | null> {
  if (!postgresUrl) return "TEST_DATABASE_URL is not set";
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `PostgreSQL at TEST_DATABASE_URL does not answer (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const unavailable = await postgresUnavailable();

/**
 * A describe block that needs PostgreSQL. Without it, it is skipped with a line that says why;
 * in CI (CI=true), where the service is part of the machine, its absence fails the run instead.
 */
export function describePostgres(name: string, body: () => void) {
  if (unavailable === null) return describe(name, body);
  if (process.env.CI) {
    return describe(name, () => {
      it("has its PostgreSQL server", () => {
        throw new Error(`${name} needs PostgreSQL in CI: ${unavailable}.`);
      });
    });
  }
  console.log(`Skipping "${name}": ${unavailable}.`);
  return describe.skip(name, body);
}

export async function openTestPglite(): Promise<Database> {
  return openPglite();
}

export async function openTestPostgres(): Promise<Database> {
  if (!postgresUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `concord_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 20);
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * The process-wide database for the enclosing file or describe block: opened with `open` before
 * its tests (and before hooks registered after this call), closed after them.
 */
export function withDatabase(open: () => Promise<Database>) {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await open();
    setDatabase(database);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await database?.close();
  });
}
