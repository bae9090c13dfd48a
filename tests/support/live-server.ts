// A real Socket.IO server (attached as server.ts attaches it) on a real port of 127.0.0.1, and
// real socket.io-client connections authenticated by a next-auth session cookie.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sessionCookie } from "./sessions";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/db/client";
import { withDatabase } from "./databases";
import type { ClientToServerEvents, ForumEvent, ServerToClientEvents } from "@/lib/core/events";
import { setIo, type ConcordIo } from "@/lib/live/realtime";
import { attachSocketServer } from "@/lib/live/socket-server";
import { type PresenceView } from "@/lib/core/views";

export const secret = "a-test-secret-that-is-long-enough";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LiveServer = {
  io: ConcordIo;
  url: string;
  /** A connected socket for the user (several calls: several tabs). */
  /** A connected socket of the user, with a new session's cookie unless given one (`cookie`, a Cookie header). */
  socketAs(userId: string, cookie?: string): Promise<Client>;
  close(): Promise<void>;
};

export async function startLiveServer(): Promise<LiveServer> {
  process.env.NEXTAUTH_SECRET = secret;
  const server: Server = createServer();
  const io = attachSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: Client[] = [];
  return {
    io,
    url,
    async socketAs(userId, cookie) {
      cookie ??= (await sessionCookie(userId)).header;
      const socket: Client = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.close();
      setIo(undefined);
      await io.close();
    },
  };
}

/**
 * A database from `open` and a live server on it for the enclosing file or describe block:
 * started before its tests, closed after them. The returned server is usable inside tests.
 */
export function withLiveServer(open: () => Promise<Database>): LiveServer {
  withDatabase(open);
  let live: LiveServer | undefined;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(async () => {
    await live?.close();
  });
  const started = () => {
    if (!live) throw new Error("the live server starts in beforeAll: use it inside tests");
    return live;
  };
  return {
    get io() {
      return started().io;
    },
    get url() {
      return started().url;
    },
    socketAs: (userId, cookie) => started().socketAs(userId, cookie),
    close: () => started().close(),
  };
}

/** Joins the forum's room and returns the seq the server answered with. */
export async function joinRoom(socket: Client, forumId: string): Promise<number> {
  const reply = await socket.emitWithAck("forum:join", { forumId });
  if (!reply.ok) throw new Error(reply.error);
  return reply.seq;
}

/** Everything the socket receives on forum:event from now on. */
export function collect(socket: Client): ForumEvent[] {
  const seen: ForumEvent[] = [];
  socket.on("forum:event", (e) => seen.push(e));
  return seen;
}

/** The first message of `event` that matches, or a failure after `ms`. */
function firstWhere<T>(socket: Client, event: "forum:event" | "forum:presence", match: (message: T) => boolean, ms: number): Promise<T> {
  // The two events' listener types differ; both take one message.
  const listeners = socket as unknown as { on(e: string, f: (m: T) => void): void; off(e: string, f: (m: T) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.off(event, on);
      reject(new Error(`no matching ${event} arrived`));
    }, ms);
    const on = (message: T) => {
      if (!match(message)) return;
      clearTimeout(timer);
      listeners.off(event, on);
      resolve(message);
    };
    listeners.on(event, on);
  });
}

/** Resolves with the first event that matches, or fails after `ms`. */
export const eventWhere = (socket: Client, match: (e: ForumEvent) => boolean, ms = 5_000) => firstWhere(socket, "forum:event", match, ms);

/** Resolves with the next presence that matches, or fails after `ms`. */
export const presenceWhere = (socket: Client, match: (p: PresenceView) => boolean, ms = 5_000) =>
  firstWhere(socket, "forum:presence", match, ms);

/** Polls `check` until it returns true (or throws after `ms`): for effects that have no event. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
