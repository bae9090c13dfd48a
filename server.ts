// One Node HTTP server: Next.js pages and route handlers, and Socket.IO on the same port.
// Start-up order matters: env first, then the database (migrations, demo seed), then Next.
import { createServer, type ServerResponse } from "node:http";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { openPglite, openPostgres, setDatabase, type Database } from "./db/client";
import { isEmpty, seedDemo } from "@/lib/server/demo-seed";
import { ensureAuthSecret, lockDataDir } from "@/lib/server/data-dir";
import { settleDueDecisions, startDeadlineTimer } from "@/lib/measure/decisions";
import { readEnv } from "@/lib/server/env";
import { crossSite, refusal, refuse, setSecurityHeaders } from "@/lib/http/edge";
import { markClientAddress } from "@/lib/http/client-address";
import { positionRequestFor, servePosition } from "@/lib/http/position-endpoint";
import { connectRedisAdapter, type RedisLink } from "@/lib/live/redis-adapter";
import { attachSocketServer, startSeqBeacon } from "@/lib/live/socket-server";
import { settleSpeakingTime, startSpeakingTimer } from "@/lib/forum/speakers";

// How long a stopping server lets requests in flight finish before it exits anyway.
const DRAIN_MS = 20_000;

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
  const seeded = await database.exclusive(async () => {
    if (!env.SEED_DEMO || !(await isEmpty(database.db))) return false;
    await seedDemo(database.db);
    return true;
  });
  if (seeded) console.log("Seeded the demo forum (accounts in README.md).");
  const redis: RedisLink | null = env.REDIS_URL ? await connectRedisAdapter(env.REDIS_URL) : null;

  // Deadlines that passed while no server ran are settled before anyone can look. With several
  // instances each one sweeps; a conditional update lets exactly one of them settle each item.
  const settled = await settleDueDecisions();
  if (settled > 0) console.log(`Settled ${settled} decision(s) whose deadline passed while stopped.`);
  await settleSpeakingTime();
  const stopTimers = [startDeadlineTimer(), startSpeakingTimer()];

  const app = next({ dev, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  let stopping = false;
  // Responses not yet finished: when stopping, each one closes its connection after it is sent.
  const inFlight = new Set<ServerResponse>();
  const httpServer = createServer((req, res) => {
    if (stopping) res.setHeader("connection", "close");
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    setSecurityHeaders(req, res);
    const refused = refusal(req);
    if (refused) return refuse(req, res, refused);
    // For the sign-in and registration throttles; a client's own value is overwritten.
    markClientAddress(req);
    // Taking a position is served here, outside Next (lib/http/position-endpoint.ts says why).
    const measureId = positionRequestFor(req.url);
    if (measureId !== null) void servePosition(req, res, measureId);
    else void handle(req, res);
  });
  const io = attachSocketServer(httpServer, { adapter: redis?.adapter, refuseHandshake: crossSite });
  stopTimers.push(startSeqBeacon(io));

  httpServer.once("error", (error) => {
    console.error(`Could not listen on port ${env.PORT}: ${error.message}`);
    process.exit(1);
  });
  httpServer.listen(env.PORT, () => {
    const kind = redis ? `${database.kind}, Redis` : database.kind;
    console.log(`Concord is listening on http://localhost:${env.PORT} (${kind})`);
  });

  // Stop accepting, let requests in flight finish, close live connections with a proper
  // disconnect (browsers reconnect, behind a load balancer to another instance), then exit.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight and shutting down`);
    const force = setTimeout(() => {
      console.error(`Requests still running after ${DRAIN_MS / 1000} s: exiting anyway.`);
      process.exit(1);
    }, DRAIN_MS).unref();
    stopTimers.forEach((stopTimer) => stopTimer());
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    // A response already under way when the signal came leaves its connection idle: close it.
    const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
    httpServer.close(() => {
      clearInterval(idle);
      redis?.close();
      void database
        .close()
        .catch((error: unknown) => console.error("Closing the database failed", error))
        .then(() => {
          clearTimeout(force);
          console.log("Stopped.");
          process.exit(0);
        });
    });
    // Only this instance's sockets: the others keep theirs.
    io.local.disconnectSockets(true);
    io.engine.close();
    httpServer.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
