import "server-only";
// Who is in a forum's room now: the members with at least one socket in the room, on any
// instance. A person with several tabs is there once. Presence is derived from the sockets
// themselves, so nothing has to be cleaned up when a browser or an instance dies.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { members } from "@/db/schema";
import { forumRoom } from "@/lib/core/events";
import { processWide } from "@/lib/core/process-wide";
import type { ConcordIo } from "./realtime";
import { camps, stakeholderGroups } from "@/lib/core/vocabulary";
import { requireMember } from "@/lib/access/member";
import { type PresenceView } from "@/lib/core/views";

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

// Above this many people the room is counted but not listed: sending every id to every socket
// on every recount grows with the square of the room.
export const PRESENCE_LIST_LIMIT = 100;
const ASK_TIMEOUT_MS = 4_000;

/** The users with a socket in the forum's room on this instance. */
function localUsers(io: ConcordIo, forumId: string): string[] {
  const users = new Set<string>();
  for (const id of io.of("/").adapter.rooms.get(forumRoom(forumId)) ?? []) {
    const socket = io.of("/").sockets.get(id);
    if (socket) users.add(socket.data.userId);
  }
  return [...users];
}

/** Lets the other instances ask this one who is in a room. */
export function answerPresenceQueries(io: ConcordIo) {
  io.on("presence:users", (forumId, ack) => ack(localUsers(io, forumId)));
}

let warnedLocalOnly = false;

/**
 * The users in the room on every instance: each instance answers with its own, already
 * deduplicated (fetchSockets would ship every socket's handshake through Redis instead).
 * Only this instance's when the others cannot be asked.
 */
async function usersInRoom(io: ConcordIo, forumId: string): Promise<Set<string>> {
  const users = new Set(localUsers(io, forumId));
  try {
    if ((await io.of("/").adapter.serverCount()) > 1) {
      let timer: NodeJS.Timeout | undefined;
      const answers = await Promise.race([
        io.serverSideEmitWithAck("presence:users", forumId),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no answer in time")), ASK_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      for (const answer of answers as string[][]) for (const id of answer) users.add(id);
    }
    warnedLocalOnly = false;
  } catch (error) {
    if (!warnedLocalOnly) {
      console.error(`Counting presence on this instance only: the other instances did not answer (${(error as Error).message}).`);
      warnedLocalOnly = true;
    }
  }
  return users;
}

export async function presenceOf(io: ConcordIo | undefined, forumId: string): Promise<PresenceView> {
  const at = Date.now();
  const userIds = io ? [...(await usersInRoom(io, forumId))] : [];
  const present =
    userIds.length === 0
      ? []
      : await getDb()
          .select({ id: members.id, camp: members.camp, group: members.stakeholderGroup })
          .from(members)
          .where(and(eq(members.forumId, forumId), inArray(members.userId, userIds), isNull(members.removedAt)));
  const byCamp = zeroes(camps);
  const byGroup = zeroes(stakeholderGroups);
  for (const m of present) {
    byCamp[m.camp] += 1;
    byGroup[m.group] += 1;
  }
  const listed = present.length <= PRESENCE_LIST_LIMIT;
  return { forumId, at, memberIds: listed ? present.map((m) => m.id) : [], listed, total: present.length, byCamp, byGroup };
}

/** For the API: presence in a forum the user belongs to. */
export async function getPresence(userId: string, forumId: string, io: ConcordIo | undefined) {
  await requireMember(getDb(), forumId, userId);
  return presenceOf(io, forumId);
}

// Joins and leaves come in bursts (a room filling up, an instance restarting): one count per
// forum per window, on each instance, is enough; a big room is recounted less often. Both copies
// of this module (server.ts's and Next's) count into the same window.
const WINDOW_MS = 300;
const BIG_ROOM_WINDOW_MS = 2_000;
const { scheduled, lastTotal } = processWide("presence", () => ({ scheduled: new Set<string>(), lastTotal: new Map<string, number>() }));

/** Recounts the room soon and sends the result to everyone in it. */
export function refreshPresence(io: ConcordIo, forumId: string) {
  if (scheduled.has(forumId)) return;
  scheduled.add(forumId);
  const big = (lastTotal.get(forumId) ?? 0) > PRESENCE_LIST_LIMIT;
  setTimeout(() => {
    scheduled.delete(forumId);
    presenceOf(io, forumId)
      .then((presence) => {
        if (presence.total === 0) lastTotal.delete(forumId);
        else lastTotal.set(forumId, presence.total);
        io.to(forumRoom(forumId)).emit("forum:presence", presence);
      })
      .catch((error) => console.error("Counting presence failed", error));
  }, big ? BIG_ROOM_WINDOW_MS : WINDOW_MS).unref();
}
