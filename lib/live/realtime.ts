import "server-only";
// Publishing live events. server.ts creates the one Socket.IO server; Next's bundle has its own
// copy of this module, and route handlers must reach the same rooms, hold back positions in the
// same windows and count the same seqs: so all of this module's state is process-wide.
// With the Redis adapter, every operation here reaches the sockets of every instance.
import type { Server } from "socket.io";
import type {
  ClientToServerEvents,
  ForumEvent,
  InterServerEvents,
  PositionChange,
  ServerToClientEvents,
  SocketData,
} from "@/lib/core/events";
import { forumRoom, latestPositions, sessionRoom, userRoom } from "@/lib/core/events";
import { processWide } from "@/lib/core/process-wide";
import { refreshPresence } from "./presence";

export type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

type PositionsEvent = Extract<ForumEvent, { type: "positions:changed" }>;

interface Live {
  io?: ConcordIo;
  /** Per forum: positions held back until the room's window ends. */
  held: Map<string, { event: PositionsEvent; timer: ReturnType<typeof setTimeout> }>;
  /** Per forum: when its room last heard positions. */
  positionsSentAt: Map<string, number>;
  /** Per forum: the highest seq its room on this instance has been told (an event or a beacon). */
  told: Map<string, number>;
}

const live = processWide("live", (): Live => ({ held: new Map(), positionsSentAt: new Map(), told: new Map() }));

export function setIo(io: ConcordIo | undefined) {
  live.io = io;
}

export function getIo(): ConcordIo | undefined {
  return live.io;
}

/** The highest seq this instance has sent to the forum's room, in an event or a seq beacon. */
export function toldSeq(forumId: string): number {
  return live.told.get(forumId) ?? 0;
}

export function noteTold(forumId: string, seq: number) {
  if (seq > toldSeq(forumId)) live.told.set(forumId, seq);
}

// A room hears positions at most once per window. Sending one event to every socket of a room
// costs the server far more than building it, so at 1,000 positions a second a room gets ~20
// events carrying 50 positions each instead of 1,000 events; when the room is quiet the first
// position goes out at once, so a single position is never held back.
const POSITIONS_WINDOW_MS = 50;

/** Call only after the write's transaction has committed, in commit order. */
export function publish(event: ForumEvent) {
  if (!live.io) return;
  if (event.type === "positions:changed") return publishPositions(event);
  // The room must hear held positions first: events reach it in seq order.
  sendHeldPositions(event.forumId);
  emit(event);
}

function publishPositions(event: PositionsEvent) {
  const held = live.held.get(event.forumId);
  if (held && event.firstSeq === held.event.seq + 1) {
    held.event = mergePositions(held.event, event);
    return;
  }
  // Not contiguous (another instance took the seqs between): the held event cannot claim them.
  if (held) sendHeldPositions(event.forumId);
  const wait = (live.positionsSentAt.get(event.forumId) ?? -Infinity) + POSITIONS_WINDOW_MS - performance.now();
  if (wait <= 0) return sendPositions(event);
  live.held.set(event.forumId, { event, timer: setTimeout(() => sendHeldPositions(event.forumId), wait) });
}

function sendHeldPositions(forumId: string) {
  const held = live.held.get(forumId);
  if (!held) return;
  clearTimeout(held.timer);
  live.held.delete(forumId);
  sendPositions(held.event);
}

function sendPositions(event: PositionsEvent) {
  live.positionsSentAt.set(event.forumId, performance.now());
  emit(event);
}

/** `next` follows `held` directly: the later tally of a measure wins, and a member's later position. */
function mergePositions(held: PositionsEvent, next: PositionsEvent): PositionsEvent {
  const changes = new Map<string, PositionChange>(held.changes.map((c) => [c.measureId, c]));
  for (const change of next.changes) {
    const before = changes.get(change.measureId);
    changes.set(change.measureId, before ? { ...change, positions: latestPositions(before.positions, change.positions) } : change);
  }
  return { ...held, seq: next.seq, changes: [...changes.values()] };
}

function emit(event: ForumEvent) {
  const io = live.io;
  if (!io) return;
  const room = forumRoom(event.forumId);
  noteTold(event.forumId, event.seq);
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

/**
 * Ending sessions ends their live connections on every instance: pages open with them stop
 * updating, and cannot connect again with a cookie whose session has ended.
 */
export function disconnectSessions(sessionIds: string[]) {
  if (sessionIds.length > 0) live.io?.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
}
