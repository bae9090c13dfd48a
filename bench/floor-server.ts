// The floor: the least a server can do for Concord's live path, with the same parts. A bare Node
// HTTP server and Socket.IO on one port; POST /event inserts one row into the same kind of
// database (PGlite in its own fresh data directory, or the PostgreSQL of DATABASE_URL) and
// broadcasts the row to the room. No Next.js, no authentication, no validation, no audit, no
// tally. Concord's figures are reported as ratios to this.
//
//   node --import tsx bench/floor-server.ts   (PORT, DATA_DIR | DATABASE_URL, REDIS_URL)
import fs from "node:fs";
import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
import { createAdapter } from "@socket.io/redis-adapter";
import pg from "pg";
import { createClient } from "redis";
import { Server } from "socket.io";

const DDL = `create table if not exists floor_events (
  id bigserial primary key,
  room text not null,
  nonce text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
)`;
const INSERT = "insert into floor_events (room, nonce, payload) values ($1, $2, $3) returning id, created_at";

type Row = { id: string | number; created_at: Date | string };

async function openDatabase(): Promise<(params: unknown[]) => Promise<Row>> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    await pool.query(DDL);
    return async (params) => (await pool.query<Row>(INSERT, params)).rows[0]!;
  }
  const dir = process.env.DATA_DIR;
  if (!dir) throw new Error("Set DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL).");
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: `${dir}/pglite` });
  await db.exec(DDL);
  return async (params) => (await db.query<Row>(INSERT, params)).rows[0]!;
}

async function main() {
  const port = Number(process.env.PORT ?? 4700);
  const insert = await openDatabase();

  let adapter: ReturnType<typeof createAdapter> | undefined;
  if (process.env.REDIS_URL) {
    const pub = createClient({ url: process.env.REDIS_URL });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    adapter = createAdapter(pub, sub);
  }

  const httpServer = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/ready") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST" || req.url !== "/event") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void answer());
    async function answer() {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { room: string; nonce: string; payload: unknown };
        const row = await insert([body.room, body.nonce, JSON.stringify(body.payload)]);
        const event = { id: Number(row.id), room: body.room, nonce: body.nonce, payload: body.payload, createdAt: row.created_at };
        io.to(body.room).emit("floor:event", event);
        const json = JSON.stringify({ id: event.id });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) }).end(json);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    }
  });

  // The same options as Concord's socket server.
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024, ...(adapter ? { adapter } : {}) });
  io.on("connection", (socket) => {
    socket.on("join", async (payload: { room?: unknown }, ack: unknown) => {
      if (typeof ack !== "function" || typeof payload?.room !== "string") return;
      await socket.join(payload.room);
      ack({ ok: true });
    });
  });

  httpServer.listen(port, "127.0.0.1", () => console.log(`floor listening on http://127.0.0.1:${port}`));
  const stop = () => {
    void io.close();
    httpServer.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
