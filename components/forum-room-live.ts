// The forum page's live state: the forum, its members and the cards of one agenda page, as the
// server's last snapshot left them plus the events heard since. Pure, so every event type has a
// unit test (tests/forum-room-live.test.ts); the page calls it and re-reads itself from the
// server when a step says so.
import { campTally, pageCountOf, rankForView, toAgendaItem, type AgendaItem, type AgendaView } from "@/lib/core/agenda";
import type { ForumEvent } from "@/lib/core/events";
import type { ForumView, MemberView } from "@/lib/core/views";

export type ForumRoomLive = {
  forum: ForumView;
  members: MemberView[];
  /** The cards of this page, in the order the server ranked them. */
  items: AgendaItem[];
  totals: { inView: number; onAgenda: number };
  /** Positions moved measures this page does not hold: the order across pages may be out of date. */
  orderStale: boolean;
};

/** What the page is showing, which decides what an event does to it. */
export type ForumRoomFrame = { meId: string; view: AgendaView; page: number; pageSize: number };

/** The state after an event, and whether the page must re-read itself from the server. */
export type ForumRoomStep = { state: ForumRoomLive; refresh: boolean };

const keep = (state: ForumRoomLive, refresh = false): ForumRoomStep => ({ state, refresh });

export function forumRoomStep(state: ForumRoomLive, frame: ForumRoomFrame, event: ForumEvent): ForumRoomStep {
  switch (event.type) {
    case "forum:changed":
      return keep({ ...state, forum: event.forum });
    case "member:joined":
      if (state.members.some((m) => m.id === event.member.id)) return keep(state);
      return keep({ ...state, members: [...state.members, event.member] });
    case "member:changed": {
      const members = state.members.map((m) => (m.id === event.member.id ? event.member : m));
      // My own role changed, or withdrawn positions moved tallies: re-read the forum.
      return keep({ ...state, members }, event.member.id === frame.meId || event.measureIds.length > 0);
    }
    case "member:removed":
      // Withdrawn positions changed tallies; my own removal takes the forum away.
      return keep({ ...state, members: state.members.filter((m) => m.id !== event.memberId) }, true);
    case "measure:changed": {
      // A measure elsewhere may have become visible (a draft submitted) and moved this page.
      if (!state.items.some((m) => m.id === event.measure.id)) return keep(state, true);
      const items = state.items.map((m) => (m.id === event.measure.id ? toAgendaItem(event.measure) : m));
      return keep({ ...state, items });
    }
    case "measure:proposed": {
      if (state.items.some((m) => m.id === event.measure.id)) return keep(state);
      const item = toAgendaItem(event.measure);
      // The view leaves it out (nobody has spoken on it, so it divides nobody).
      if (rankForView([item], frame.view).length === 0) {
        return keep({ ...state, totals: { ...state.totals, onAgenda: state.totals.onAgenda + 1 } });
      }
      // The newest measure leads the agenda: it comes first, the last one moves to page 2.
      if (frame.view === "agenda" && frame.page === 1) {
        return keep({
          ...state,
          items: [item, ...state.items].slice(0, frame.pageSize),
          totals: { inView: state.totals.inView + 1, onAgenda: state.totals.onAgenda + 1 },
        });
      }
      return keep(state, true);
    }
    case "positions:changed": {
      const tallies = new Map(event.changes.map((c) => [c.measureId, c.tally]));
      const items = state.items.map((m) => {
        const tally = tallies.get(m.id);
        return tally ? { ...m, tally: campTally(tally) } : m;
      });
      // This page is re-ranked as it is shown; only a ranking spread over pages (or one that
      // leaves measures out) can be overtaken by positions.
      const pageCount = pageCountOf(state.totals.inView, frame.pageSize);
      const stale = frame.view === "divides" || (frame.view === "common-ground" && pageCount > 1);
      return keep({ ...state, items, orderStale: state.orderStale || stale });
    }
    case "comment:added": {
      const items = state.items.map((m) => (m.id === event.measureId ? { ...m, commentCount: m.commentCount + 1 } : m));
      return keep({ ...state, items });
    }
    case "text:changed":
    case "speakers:changed":
    case "comment:moderated":
      // Not on the agenda's cards: the measure page and the speakers' list follow these.
      return keep(state);
  }
}
