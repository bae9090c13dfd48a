// One Node HTTP server: Next.js pages and route handlers, and Socket.IO on the same port.
// Start-up order matters: env first, then the database (migrations, demo seed), then Next.
import { createServer } from "node:http";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { openPglite, openPostgres, setDatabase, type Database } from "./db/client";
import { isEmpty, seedDemo } from "./db/seed";
import { ensureAuthSecret, lockDataDir } from "./lib/data-dir";
import { settleDueDecisions, startDeadlineTimer } from "./lib/decisions";
import { readEnv } from "./lib/env";
import { attachSocketServer } from "./lib/socket-server";

async function main() {
  const dev = process.env.NODE_ENV !== "production";
  // Next reads .env files only in app.prepare(); the database needs them before that.
  loadEnvConfig(process.cwd(), dev);
  const env = readEnv();

  process.env.NEXTAUTH_SECRET ??= ensureAuthSecret(env.dataDir);
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  let database: Database;
  if (env.DATABASE_URL) {
    database = await openPostgres(env.DATABASE_URL);
  } else {
    lockDataDir(env.dataDir);
    database = await openPglite(`${env.dataDir}/pglite`);
  }
  setDatabase(database);
  if (env.SEED_DEMO && (await isEmpty(database.db))) {
    await seedDemo(database.db);
    console.log("Seeded the demo forum (accounts in README.md).");
  }

  // Deadlines that passed while no server ran are settled before anyone can look.
  const settled = await settleDueDecisions();
  if (settled > 0) console.log(`Settled ${settled} decision(s) whose deadline passed while stopped.`);
  const stopDeadlines = startDeadlineTimer();

  const app = next({ dev, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const httpServer = createServer((req, res) => void handle(req, res));
  const io = attachSocketServer(httpServer);

  httpServer.listen(env.PORT, () => {
    console.log(`Concord is listening on http://localhost:${env.PORT} (${database.kind})`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections and shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    stopDeadlines();
    void io.close(async () => {
      await database.close().catch(() => {});
      clearTimeout(force);
      process.exit(0);
    });
    httpServer.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
