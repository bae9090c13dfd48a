import "server-only";
// Publishing live events. server.ts creates the one Socket.IO server and keeps it on globalThis:
// Next's bundle has its own copy of this module, and route handlers must reach the same rooms.
import type { Server } from "socket.io";
import type {
  ClientToServerEvents,
  ForumEvent,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from "./events";
import { forumRoom } from "./events";

export type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const holder = globalThis as unknown as { __concordIo?: ConcordIo };

export function setIo(io: ConcordIo | undefined) {
  holder.__concordIo = io;
}

export function getIo(): ConcordIo | undefined {
  return holder.__concordIo;
}

/** Call only after the write's transaction has committed. */
export function publish(event: ForumEvent) {
  const io = holder.__concordIo;
  if (!io) return;
  const room = forumRoom(event.forumId);
  io.to(room).emit("forum:event", event);
  if (event.type === "member:removed") {
    // A removed member leaves the room at once, on whichever instance their sockets live.
    void io
      .in(room)
      .fetchSockets()
      .then((sockets) => sockets.filter((s) => s.data.userId === event.userId).forEach((s) => s.leave(room)))
      .catch((error) => console.error("Could not remove sockets from", room, error));
  }
}
