// The live events of a forum and the typed Socket.IO interfaces shared by server and browser.
// Every event carries the forum's sequence number after the write that caused it.
import type { ModerationStep } from "./moderation";
import type { Tally } from "./tallies";
import type { CommentView, ForumView, MeasureSummary, MemberView, PositionView } from "./views";
import { type PresenceView, type SpeakersView } from "./views";

type Base = { forumId: string; seq: number };

export type ForumEvent =
  | (Base & { type: "forum:changed"; forum: ForumView })
  | (Base & { type: "member:joined"; member: MemberView })
  // measureIds: measures whose tallies changed because the member's positions were withdrawn.
  | (Base & { type: "member:changed"; member: MemberView; measureIds: string[] })
  | (Base & { type: "member:removed"; memberId: string; userId: string; measureIds: string[] })
  | (Base & { type: "measure:proposed"; measure: MeasureSummary })
  // Status, decision or objections changed: pages showing the measure re-read it.
  | (Base & { type: "measure:changed"; measure: MeasureSummary })
  // Positions taken or changed, seq firstSeq to seq, every one of them: under load the positions
  // of a room are sent together a few times a second (lib/realtime.ts), not one event each.
  | (Base & { type: "positions:changed"; firstSeq: number; changes: PositionChange[] })
  | (Base & { type: "comment:added"; measureId: string; comment: CommentView })
  // A comment reported, hidden by the chair or its reports dismissed (lib/core/moderation.ts).
  // Never the hidden words: `author` is the delegation that wrote the comment.
  | (Base & { type: "comment:moderated"; measureId: string; commentId: string; author: string; step: ModerationStep })
  // The text, its alternatives, backings, revisions or amendments changed: viewers re-read it.
  | (Base & { type: "text:changed"; measureId: string })
  // The speakers' list changed (a request, a withdrawal, the floor given, a turn ended): the whole list.
  | (Base & { type: "speakers:changed"; speakers: SpeakersView });

/** A measure's tally after the last of `positions`, and the positions taken on it in the event. */
export type PositionChange = { measureId: string; tally: Tally; positions: PositionView[] };

/** `older` with each member's position replaced by theirs in `newer`, if any: one per member. */
export function latestPositions(older: PositionView[], newer: PositionView[]): PositionView[] {
  const movers = new Set(newer.map((p) => p.memberId));
  return [...older.filter((p) => !movers.has(p.memberId)), ...newer];
}

/** The first seq an event covers: a client that applied firstSeq - 1 can apply it. */
export const firstSeqOf = (event: ForumEvent) => (event.type === "positions:changed" ? event.firstSeq : event.seq);

export type Ack<T = object> = (reply: ({ ok: true } & T) | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  "forum:event": (event: ForumEvent) => void;
  // Not a write, so no sequence number: each carries the whole presence and when it was counted.
  "forum:presence": (presence: PresenceView) => void;
  // Sent every few seconds to each room: a client behind this seq missed an event and re-reads.
  "forum:seq": (beacon: { forumId: string; seq: number }) => void;
}

export interface ClientToServerEvents {
  "forum:join": (payload: unknown, ack: Ack<{ seq: number }>) => void;
  "forum:leave": (payload: unknown) => void;
}

// Between instances (with the Redis adapter): who is in a forum's room on each of them.
export interface InterServerEvents {
  "presence:users": (forumId: string, ack: (userIds: string[]) => void) => void;
}

export interface SocketData {
  userId: string;
  /** The session (lib/auth/sessions.ts) whose cookie opened the connection. */
  sessionId: string;
}

export const forumRoom = (forumId: string) => `forum:${forumId}`;
// Every socket of a user, on every instance: for leaving a forum's room.
export const userRoom = (userId: string) => `user:${userId}`;
// Every socket opened with one session's cookie, on every instance: for ending that session.
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
