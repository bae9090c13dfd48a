// The forum page's agenda, one page at a time: which order (view) and page the URL asks for, and
// what each measure card needs. Pure, so the server pages it and the browser keeps it live.
import { rankCommonGround, rankDivides } from "./bridging";
import type { Tally } from "./tallies";
import type { MeasureSummary } from "./views";

export const agendaViews = ["agenda", "common-ground", "divides"] as const;
export type AgendaView = (typeof agendaViews)[number];

export const agendaPageSize = 25;

export type AgendaQuery = { view: AgendaView; page: number };

/** The part of a tally the forum page shows: the totals and each camp, not the groups. */
export type CampTally = Pick<Tally, "total" | "byCamp">;

/** A measure as its card on the forum page shows it, and nothing more (it travels twice: HTML and RSC). */
export type AgendaItem = Pick<MeasureSummary, "id" | "title" | "kind" | "category" | "status" | "proposedBy" | "commentCount"> & {
  tally: CampTally;
  /** The open decision's rule and deadline, while the measure is in decision. */
  decision: { rule: NonNullable<MeasureSummary["decision"]>["rule"]; deadline: string | null } | null;
};

export type AgendaPage = {
  view: AgendaView;
  /** 1-based; a page past the end is read as the last one. */
  page: number;
  pageSize: number;
  pageCount: number;
  /** Measures in this view (the divides view leaves out those that divide nobody). */
  total: number;
  /** Measures on the agenda, whatever the view. */
  agendaTotal: number;
  items: AgendaItem[];
};

export const campTally = (tally: CampTally): CampTally => ({ total: tally.total, byCamp: tally.byCamp });

export function toAgendaItem(m: Omit<AgendaItem, "tally" | "decision"> & Pick<MeasureSummary, "decision"> & { tally: CampTally }): AgendaItem {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    category: m.category,
    status: m.status,
    proposedBy: m.proposedBy,
    commentCount: m.commentCount,
    tally: campTally(m.tally),
    decision: m.status === "in_decision" && m.decision ? { rule: m.decision.rule, deadline: m.decision.deadline } : null,
  };
}

/** Items (in agenda order) in the order of a view; equal scores keep agenda order. */
export function rankForView<T extends { tally: Pick<Tally, "byCamp"> }>(items: T[], view: AgendaView): T[] {
  return view === "common-ground" ? rankCommonGround(items) : view === "divides" ? rankDivides(items) : items;
}

export const pageCountOf = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/** The forum page's address for a view and page, without the parts that are the default. */
export function agendaHref(forumId: string, view: AgendaView, page: number) {
  const params = new URLSearchParams();
  if (view !== "agenda") params.set("view", view);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/forums/${forumId}${query ? `?${query}` : ""}`;
}
