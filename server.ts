// One Node HTTP server: Next.js pages and route handlers, and Socket.IO on the same port.
// Start-up order matters: signals first (so a stop at any point is clean), then env, then the
// database (migrations, demo seed), then Next.
import { onStop, StopRequested, stopSignal } from "@/lib/server/stop-signal";
import { createServer, type ServerResponse } from "node:http";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { openPglite, openPostgres, setDatabase, type Database } from "./db/client";
import { seedDemoIfEmpty } from "@/lib/server/demo-seed";
import { ensureAuthSecret } from "@/lib/server/auth-secret";
import { lockDataDir } from "@/lib/server/data-dir-lock";
import { settleDueDecisions, startDeadlineTimer } from "@/lib/measure/decisions";
import { readEnv } from "@/lib/server/env";
import { crossSite, refusal, refuse, setSecurityHeaders } from "@/lib/http/edge";
import { markClientAddress } from "@/lib/http/client-address";
import { positionRequestFor, servePosition } from "@/lib/http/position-endpoint";
import { connectRedisAdapter } from "@/lib/live/redis-adapter";
import { attachSocketServer, startSeqBeacon } from "@/lib/live/socket-server";
import { settleSpeakingTime, startSpeakingTimer } from "@/lib/forum/speakers";

// How long a stopping server lets requests in flight (or the start-up step under way) finish
// before it exits anyway.
const DRAIN_MS = 20_000;

onStop(() => {
  setTimeout(() => {
    console.error(`Still stopping after ${DRAIN_MS / 1000} s: exiting anyway.`);
    process.exit(1);
  }, DRAIN_MS).unref();
});

// What start-up has opened (the data directory's lock, the database, Redis, timers), closed in
// the reverse order when the server stops, whether it stops while starting or while serving.
const opened: (() => unknown)[] = [];

async function closeOpened() {
  for (const close of opened.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      console.error("While stopping:", error);
    }
  }
}

async function main() {
  stopSignal.throwIfAborted(); // a signal while the modules loaded
  const dev = process.env.NODE_ENV !== "production";
  // Next reads .env files only in app.prepare(); the database needs them before that.
  loadEnvConfig(process.cwd(), dev);
  const env = readEnv();

  process.env.NEXTAUTH_SECRET ??= ensureAuthSecret(env.dataDir);
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  console.log(`Starting Concord on ${env.DATABASE_URL ? "PostgreSQL" : `the embedded database in ${env.dataDir}`}…`);
  let database: Database;
  if (env.DATABASE_URL) {
    database = await openPostgres(env.DATABASE_URL);
  } else {
    opened.push(lockDataDir(env.dataDir));
    database = await openPglite(`${env.dataDir}/pglite`);
  }
  opened.push(() => database.close());
  setDatabase(database);
  stopSignal.throwIfAborted();

  if (env.SEED_DEMO) {
    const starting = () => console.log("Seeding the demo forum…");
    if (await seedDemoIfEmpty(database, { signal: stopSignal, starting })) console.log("Seeded the demo forum (accounts in README.md).");
  }
  const redis = env.REDIS_URL ? await connectRedisAdapter(env.REDIS_URL) : null;
  if (redis) opened.push(() => redis.close());
  stopSignal.throwIfAborted();

  // Deadlines that passed while no server ran are settled before anyone can look. With several
  // instances each one sweeps; a conditional update lets exactly one of them settle each item.
  const settled = await settleDueDecisions();
  if (settled > 0) console.log(`Settled ${settled} decision(s) whose deadline passed while stopped.`);
  await settleSpeakingTime();
  opened.push(startDeadlineTimer(), startSpeakingTimer());

  const app = next({ dev, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  stopSignal.throwIfAborted();

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
  opened.push(startSeqBeacon(io));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error) => reject(new Error(`Could not listen on port ${env.PORT}: ${error.message}`)));
    httpServer.listen(env.PORT, resolve);
  });
  const kind = redis ? `${database.kind}, Redis` : database.kind;
  console.log(`Concord is listening on http://localhost:${env.PORT} (${kind})`);

  // Stop accepting, let requests in flight finish, close live connections with a proper
  // disconnect (browsers reconnect, behind a load balancer to another instance), then close what
  // start-up opened and exit.
  onStop(({ signal }) => {
    stopping = true;
    console.log(`${signal}: finishing requests in flight and shutting down`);
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    // A response already under way when the signal came leaves its connection idle: close it.
    const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
    httpServer.close(() => {
      clearInterval(idle);
      void closeOpened().then(() => {
        console.log("Stopped.");
        process.exit(0);
      });
    });
    // Only this instance's sockets: the others keep theirs.
    io.local.disconnectSockets(true);
    io.engine.close();
    httpServer.closeIdleConnections();
  });
}

// A signal during start-up unwinds it (StopRequested, at the next step) and is a clean stop: exit
// code 0, as for a stop while serving. Anything else that stops start-up is a failure.
main().catch(async (error: unknown) => {
  const stopped = error instanceof StopRequested;
  if (stopped) console.log(`${error.signal} during start-up: stopping.`);
  else console.error(error instanceof Error ? error.message : error);
  await closeOpened();
  if (stopped) console.log("Stopped.");
  process.exit(stopped ? 0 : 1);
});
