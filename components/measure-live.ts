// The live part of a measure page: its tally, positions, comments and History, as the server's
// last snapshot left them plus the events heard since. One reducer, so that a position's History
// entry is built from the positions as the previous event left them, even when events arrive
// faster than the page renders.
import { heardComment, heardPosition, type HeardEntry } from "@/lib/core/audit-words";
import { latestPositions, type ForumEvent, type PositionChange } from "@/lib/core/events";
import { applyModeration, heardModeration, type CommentModeration, type Viewer } from "@/lib/core/moderation";
import type { Tally } from "@/lib/core/tallies";
import type { CommentView, PositionView } from "@/lib/core/views";
import { type AuditEntry } from "@/lib/core/views";

export type MeasureLive = {
  /** The snapshot these came from: a new one replaces everything heard since. */
  source: object;
  tally: Tally;
  positions: PositionView[];
  comments: CommentView[];
  /** The viewer's reports and, for the chair, the open reports per comment. */
  moderation: CommentModeration;
  history: AuditEntry[];
  /** Entries heard live have no audit id until the next snapshot: they count down from -1. */
  lastLiveId: number;
};

export type MeasureAction =
  | { type: "snapshot"; live: MeasureLive }
  | { type: "positions"; change: PositionChange }
  | { type: "comment"; comment: CommentView }
  | { type: "moderated"; event: Extract<ForumEvent, { type: "comment:moderated" }>; viewer: Viewer };

export function measureLiveReducer(state: MeasureLive, action: MeasureAction): MeasureLive {
  switch (action.type) {
    case "snapshot":
      return action.live;
    case "positions": {
      const { change } = action;
      const positions = latestPositions(state.positions, change.positions).sort((a, b) => a.delegation.localeCompare(b.delegation));
      const heard = change.positions.map((p) => heardPosition(p, state.positions.find((q) => q.memberId === p.memberId)));
      return { ...withHeard(state, heard, change.measureId), tally: change.tally, positions };
    }
    case "comment": {
      const { comment } = action;
      if (state.comments.some((c) => c.id === comment.id)) return state;
      return { ...withHeard(state, [heardComment(comment)], comment.measureId), comments: [...state.comments, comment] };
    }
    case "moderated": {
      const { event, viewer } = action;
      const shown = applyModeration(state, event.commentId, event.step, viewer);
      return { ...withHeard(state, [heardModeration(event.commentId, event.author, event.step)], event.measureId), ...shown };
    }
  }
}

// A room's events merge a member's quick successive positions into the last one, so a live entry
// may skip a stance that the log keeps; the next snapshot brings the log's own entries.
function withHeard(state: MeasureLive, entries: HeardEntry[], measureId: string): MeasureLive {
  const fresh = entries.map((e, i) => ({ ...e, id: state.lastLiveId - i - 1, measureId, measureTitle: null, subject: e.subject ?? null }));
  // Newest first, as the log lists them.
  return { ...state, history: [...fresh.reverse(), ...state.history], lastLiveId: state.lastLiveId - entries.length };
}
