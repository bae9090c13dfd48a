// The live events of a forum and the typed Socket.IO interfaces shared by server and browser.
// Every event carries the forum's sequence number after the write that caused it.
import type { Tally } from "./tallies";
import type { CommentView, ForumView, MeasureSummary, MemberView, PositionView } from "./views";

type Base = { forumId: string; seq: number };

export type ForumEvent =
  | (Base & { type: "forum:changed"; forum: ForumView })
  | (Base & { type: "member:joined"; member: MemberView })
  | (Base & { type: "member:changed"; member: MemberView })
  | (Base & { type: "member:removed"; memberId: string; userId: string; measureIds: string[] })
  | (Base & { type: "measure:proposed"; measure: MeasureSummary })
  // Status, decision or objections changed: pages showing the measure re-read it.
  | (Base & { type: "measure:changed"; measure: MeasureSummary })
  | (Base & { type: "position:changed"; measureId: string; tally: Tally; position: PositionView })
  | (Base & { type: "comment:added"; measureId: string; comment: CommentView })
  // The text, its alternatives, backings, revisions or amendments changed: viewers re-read it.
  | (Base & { type: "text:changed"; measureId: string });

export type Ack<T = object> = (reply: ({ ok: true } & T) | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  "forum:event": (event: ForumEvent) => void;
}

export interface ClientToServerEvents {
  "forum:join": (payload: unknown, ack: Ack<{ seq: number }>) => void;
  "forum:leave": (payload: unknown) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  userId: string;
}

export const forumRoom = (forumId: string) => `forum:${forumId}`;
