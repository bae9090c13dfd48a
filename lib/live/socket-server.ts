import "server-only";
// The Socket.IO side of server.ts: authenticates each connection from the next-auth session
// cookie, lets a socket into a forum's room only when its user is a member, keeps presence
// counted, and every few seconds tells each room a sequence number it has not heard, so that a
// client which missed an event (an outage of Redis, a message lost between instances) re-reads.
//
// Connection-state recovery stays off: recovered sockets would skip the authentication below,
// and the pub/sub Redis adapter does not support it anyway. A reconnecting client joins its
// rooms again and compares sequence numbers instead.
import type { Server as HttpServer, IncomingMessage } from "node:http";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { Server } from "socket.io";
import { getDb } from "@/db/client";
import { forums, members } from "@/db/schema";
import { parseCookieHeader, sessionFromCookies } from "@/lib/auth/session";
import { forumRoom, sessionRoom, userRoom } from "@/lib/core/events";
import { answerPresenceQueries, refreshPresence } from "./presence";
import { noteTold, setIo, toldSeq, type ConcordIo } from "./realtime";
import type { RedisLink } from "./redis-adapter";
import { joinRoomPayload } from "@/lib/core/validation";
import { isMember } from "@/lib/access/member";

const forumIdOf = (room: string) => (room.startsWith("forum:") ? room.slice("forum:".length) : null);

/** The forum's seq, if the user is (still) an active member; null otherwise. */
async function seqForMember(forumId: string, userId: string): Promise<number | null> {
  const [row] = await getDb()
    .select({ seq: forums.seq, memberId: members.id })
    .from(forums)
    .leftJoin(members, and(eq(members.forumId, forums.id), eq(members.userId, userId), isNull(members.removedAt)))
    .where(eq(forums.id, forumId));
  return row?.memberId ? row.seq : null;
}

/**
 * `refuseHandshake` says whether a connection request must be refused before its cookie is read
 * (server.ts refuses one a browser sends from another site: a page elsewhere must not open the
 * forum's live room with the visitor's session).
 */
export function attachSocketServer(
  httpServer: HttpServer,
  options: { adapter?: RedisLink["adapter"]; refuseHandshake?: (req: IncomingMessage) => boolean } = {},
): ConcordIo {
  const { refuseHandshake } = options;
  const io: ConcordIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ...(refuseHandshake ? { allowRequest: (req, callback) => callback(null, !refuseHandshake(req)) } : {}),
  });

  io.use((socket, next) => {
    sessionFromCookies(parseCookieHeader(socket.handshake.headers.cookie)).then(
      (session) => {
        if (!session) return next(new Error("unauthenticated"));
        socket.data.userId = session.user.id;
        socket.data.sessionId = session.sessionId;
        next();
      },
      (error: unknown) => {
        console.error("Socket authentication failed", error);
        next(new Error("unauthenticated"));
      },
    );
  });

  answerPresenceQueries(io);

  io.on("connection", (socket) => {
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);

    socket.on("forum:join", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = joinRoomPayload.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "forumId must be a forum id." });
      try {
        const { forumId } = parsed.data;
        const refused = { ok: false as const, error: "Forum was not found." };
        if (!(await isMember(getDb(), forumId, socket.data.userId))) return ack(refused);
        await socket.join(forumRoom(forumId));
        // Checked again once in the room: a removal that committed in between must not leave
        // this socket listening (its socketsLeave may have run before the join).
        const seq = await seqForMember(forumId, socket.data.userId);
        if (seq === null) {
          await socket.leave(forumRoom(forumId));
          return ack(refused);
        }
        ack({ ok: true, seq });
        refreshPresence(io, forumId);
      } catch (error) {
        console.error("forum:join failed", error);
        ack({ ok: false, error: "The server could not join you to the forum; try again." });
      }
    });

    socket.on("forum:leave", async (payload) => {
      const parsed = joinRoomPayload.safeParse(payload);
      if (!parsed.success) return;
      await socket.leave(forumRoom(parsed.data.forumId));
      refreshPresence(io, parsed.data.forumId);
    });

    // Recounted after a short window, by which time this socket has left its rooms.
    socket.on("disconnecting", () => {
      for (const room of socket.rooms) {
        const forumId = forumIdOf(room);
        if (forumId) refreshPresence(io, forumId);
      }
    });
  });

  setIo(io);
  return io;
}

/**
 * Every `intervalMs`, tells each forum room on this instance the forum's seq, if the room has not
 * heard it (an event this instance sent it, or an earlier beacon) and it has not moved since the
 * tick before. Events are delivered at most once; a client that lost one (Redis down, an instance
 * restarting) sees that it is behind and re-reads, even if nothing else happens in the forum.
 * A seq is told only once it has stood still for a whole interval: by then every event up to it
 * has been sent (positions wait at most 50 ms in a room's window, lib/live/realtime.ts), so a
 * client that is behind a beacon has really missed one and may re-read at once (docs/api.md).
 * A room whose latest event came from this instance needs no beacon: a missed earlier one showed
 * as a gap.
 */
export function startSeqBeacon(io: ConcordIo, intervalMs = 5_000) {
  let running = false;
  // Each forum's seq as the previous tick read it.
  let previous = new Map<string, number>();
  const timer = setInterval(() => {
    const ids = [...io.of("/").adapter.rooms.keys()].map(forumIdOf).filter((id): id is string => id !== null);
    if (running || ids.length === 0) return;
    running = true;
    getDb()
      .select({ id: forums.id, seq: forums.seq })
      .from(forums)
      .where(inArray(forums.id, ids))
      .then(async (rows) => {
        const read = new Map(rows.map((f) => [f.id, f.seq]));
        for (const [id, seq] of settledSeqs(previous, read, toldSeq)) await tellSeq(io, id, seq);
        previous = read;
      })
      .catch((error) => console.error("Sending the seq beacon failed", error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The forums whose seq read now is the one read a tick before, and more than their rooms were told. */
export function settledSeqs(previous: ReadonlyMap<string, number>, read: ReadonlyMap<string, number>, told: (forumId: string) => number) {
  return [...read].filter(([id, seq]) => previous.get(id) === seq && seq > told(id));
}

// A write to a socket costs ~40 µs of CPU however small the message, so a room of 10,000
// sockets is told its seq a slice at a time, letting requests and events through in between.
const BEACON_SLICE = 100;

async function tellSeq(io: ConcordIo, forumId: string, seq: number) {
  const ids = [...(io.of("/").adapter.rooms.get(forumRoom(forumId)) ?? [])];
  for (let i = 0; i < ids.length; i += BEACON_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const id of ids.slice(i, i + BEACON_SLICE)) io.of("/").sockets.get(id)?.emit("forum:seq", { forumId, seq });
  }
  noteTold(forumId, seq);
}
