import "server-only";
// Publishing live events. server.ts creates the one Socket.IO server and keeps it on globalThis:
// Next's bundle has its own copy of this module, and route handlers must reach the same rooms.
// With the Redis adapter, every operation here reaches the sockets of every instance.
import type { Server } from "socket.io";
import type {
  ClientToServerEvents,
  ForumEvent,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from "./events";
import { forumRoom, userRoom } from "./events";
import { refreshPresence } from "./presence";

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
  if (event.type === "member:removed") {
    // The removed member hears it too (through their own room, whatever the order in which the
    // instances see the two operations), then their sockets leave the forum's room at once.
    io.to(room).to(userRoom(event.userId)).emit("forum:event", event);
    io.in(userRoom(event.userId)).socketsLeave(room);
  } else {
    io.to(room).emit("forum:event", event);
  }
  // Who is present, and in which camp, may have changed.
  if (event.type === "member:removed" || event.type === "member:changed") refreshPresence(io, event.forumId);
}

/** Signing out ends the user's live connections everywhere; their pages stop updating. */
export function disconnectUser(userId: string) {
  holder.__concordIo?.in(userRoom(userId)).disconnectSockets(true);
}
