// The forum page's address: which view and page it asks for, read forgivingly, and written back
// without the defaults.
import { describe, expect, it } from "vitest";
import { agendaHref, pageCountOf, toAgendaItem } from "@/lib/core/agenda";
import { emptyTally } from "@/lib/core/tallies";
import { agendaQuery } from "@/lib/core/validation";

describe("reading ?view and ?page", () => {
  it("reads a view and a page number", () => {
    expect(agendaQuery.parse({ view: "divides", page: "3" })).toEqual({ view: "divides", page: 3 });
  });

  it("shows the agenda's first page when neither is given", () => {
    expect(agendaQuery.parse({})).toEqual({ view: "agenda", page: 1 });
  });

  it.each([["abc"], ["0"], ["-2"], ["2.5"], [""], [["2", "3"]], ["1e9"]])("reads page %j as the first page", (page) => {
    expect(agendaQuery.parse({ page }).page).toBe(1);
  });

  it("reads an unknown view as the agenda, keeping the page", () => {
    expect(agendaQuery.parse({ view: "popular", page: "2" })).toEqual({ view: "agenda", page: 2 });
  });
});

describe("the forum page's address", () => {
  it("leaves the defaults out", () => {
    expect(agendaHref("f1", "agenda", 1)).toBe("/forums/f1");
    expect(agendaHref("f1", "agenda", 2)).toBe("/forums/f1?page=2");
    expect(agendaHref("f1", "common-ground", 1)).toBe("/forums/f1?view=common-ground");
    expect(agendaHref("f1", "divides", 4)).toBe("/forums/f1?view=divides&page=4");
  });
});

describe("pages", () => {
  it("has one page even when there is nothing to show", () => {
    expect([0, 1, 25, 26, 200].map((n) => pageCountOf(n, 25))).toEqual([1, 1, 1, 2, 8]);
  });
});

describe("a card's measure", () => {
  const summary = {
    id: "m1",
    forumId: "f1",
    title: "Points of contact",
    kind: "cbm" as const,
    category: "cooperation_communication" as const,
    createdAt: "2026-01-01T00:00:00.000Z",
    proposedBy: "Northland",
    tally: emptyTally(),
    commentCount: 2,
  };
  const decision = {
    id: "d1",
    rule: "consensus" as const,
    quorum: null,
    crossCampMin: 0,
    openedAt: "2026-01-02T00:00:00.000Z",
    deadline: "2026-01-03T00:00:00.000Z",
    closedAt: null,
    outcome: null,
    finalTally: null,
    finalVerdict: null,
    finalObjections: null,
    objectionCount: 0,
  };

  it("keeps what the card shows and drops the stakeholder groups", () => {
    const item = toAgendaItem({ ...summary, status: "under_discussion", decision: null });
    expect(item).toEqual({
      id: "m1",
      title: "Points of contact",
      kind: "cbm",
      category: "cooperation_communication",
      status: "under_discussion",
      proposedBy: "Northland",
      commentCount: 2,
      tally: { total: emptyTally().total, byCamp: emptyTally().byCamp },
      decision: null,
    });
  });

  it("shows the rule and deadline of an open decision only", () => {
    expect(toAgendaItem({ ...summary, status: "in_decision", decision }).decision).toEqual({
      rule: "consensus",
      deadline: "2026-01-03T00:00:00.000Z",
    });
    expect(toAgendaItem({ ...summary, status: "adopted", decision }).decision).toBeNull();
  });
});
