// The forum page's agenda, one page at a time, read from a real database (PGlite, and PostgreSQL
// when TEST_DATABASE_URL is set): its order, its pages, its views, and the one-row-per-measure
// tally and grouped comment-count queries, checked against the straightforward queries they
// replaced.
//
// The forum: a chair (non-aligned), Northland (Internet Freedom, state), Open Net (Internet
// Freedom, civil society), Meridia (Cyber Sovereignty, state), Varos (Cyber Sovereignty, private
// sector) and Aurelia (non-aligned, academia). Measures, oldest first:
//   M1 everyone supports (the best bridging score, yet last in agenda order);
//   M2 Internet Freedom supports, Cyber Sovereignty opposes;
//   M3 Northland supports, Open Net opposes, Meridia supports, Aurelia abstains;
//   M4 nobody has spoken;
//   M5 Varos abstains; in decision by simple majority;
//   M6 Northland's draft;
//   M7 Cyber Sovereignty supports, Internet Freedom opposes.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { comments, positions } from "@/db/schema";
import { type AgendaQuery } from "@/lib/core/agenda";
import { rankCommonGround, rankDivides } from "@/lib/core/bridging";
import { DomainError } from "@/lib/core/errors";
import { getForumAgendaPage } from "@/lib/forum/forums";
import { tallyFrom } from "@/lib/core/tallies";
import type { Stance } from "@/lib/core/vocabulary";
import { describePostgres, openTestPglite, openTestPostgres, withDatabase } from "./support/databases";
import { addMember, newForum, newUser } from "./support/world";
import { requireMember } from "@/lib/access/member";
import { agendaQuery } from "@/lib/core/validation";
import { listAgendaPage, listMeasureSummaries } from "@/lib/measure/queries";
import { talliesOf } from "@/lib/measure/tallies";
import { addComment, openDecision, takePosition, proposeMeasure } from "@/tests/support/edge";

const q = (query: Partial<AgendaQuery>): AgendaQuery => agendaQuery.parse(query);

function suite(open: () => Promise<Database>) {
  withDatabase(open);
  let forumId: string;
  let chairId: string;
  let northlandId: string;
  const m: Record<string, string> = {};

  beforeAll(async () => {
    const { chair, forum } = await newForum("Agenda forum");
    forumId = forum.id;
    chairId = chair.id;
    const northland = await addMember(forum, { camp: "internet_freedom", group: "state", delegation: "Northland" });
    const openNet = await addMember(forum, { camp: "internet_freedom", group: "civil_society", delegation: "Open Net" });
    const meridia = await addMember(forum, { camp: "cyber_sovereignty", group: "state", delegation: "Meridia" });
    const varos = await addMember(forum, { camp: "cyber_sovereignty", group: "private_sector", delegation: "Varos" });
    const aurelia = await addMember(forum, { camp: "non_aligned", group: "academia", delegation: "Aurelia" });
    northlandId = northland.user.id;
    const propose = async (name: string, by = chair.id, draft = false) => {
      m[name] = (await proposeMeasure(by, forumId, { title: `Measure ${name}`, kind: "cbm", text: `Text of ${name}.`, draft })).id;
    };
    const stance = (who: { user: { id: string } } | { id: string }, name: string, s: Stance) =>
      takePosition("user" in who ? who.user.id : who.id, m[name]!, { stance: s, rationale: "", clientId: randomUUID() });
    const comment = (who: { user: { id: string } }, name: string, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => addComment(who.user.id, m[name]!, { body: `Comment ${i + 1}`, clientId: randomUUID() })));

    for (const name of ["M1", "M2", "M3", "M4", "M5"]) await propose(name);
    await propose("M6", northland.user.id, true);
    await propose("M7");
    for (const who of [chair, northland, openNet, meridia, varos, aurelia]) await stance(who, "M1", "support");
    await stance(northland, "M2", "support");
    await stance(openNet, "M2", "support");
    await stance(meridia, "M2", "oppose");
    await stance(varos, "M2", "oppose");
    await stance(northland, "M3", "support");
    await stance(openNet, "M3", "oppose");
    await stance(meridia, "M3", "support");
    await stance(aurelia, "M3", "abstain");
    await stance(varos, "M5", "abstain");
    await stance(meridia, "M7", "support");
    await stance(varos, "M7", "support");
    await stance(northland, "M7", "oppose");
    // A change of mind counts once, as its last stance.
    await stance(openNet, "M7", "support");
    await stance(openNet, "M7", "oppose");
    await comment(aurelia, "M1", 3);
    await comment(meridia, "M2", 1);
    await comment(northland, "M7", 2);
    await openDecision(chair.id, m.M5!, { rule: "simple_majority", minutes: 60 });
  });

  const viewer = async (userId: string) => requireMember(getDb(), forumId, userId);
  const titles = (items: { title: string }[]) => items.map((i) => i.title.replace("Measure ", ""));

  /** Every page of a view, with a small page size, joined up. */
  async function allPages(view: AgendaQuery["view"], userId = chairId, pageSize = 2) {
    const me = await viewer(userId);
    const first = await listAgendaPage(getDb(), forumId, me, q({ view }), pageSize);
    const pages = [first];
    for (let page = 2; page <= first.pageCount; page++) pages.push(await listAgendaPage(getDb(), forumId, me, q({ view, page }), pageSize));
    return pages;
  }

  describe("the queries behind the listing", () => {
    it("counts each measure's positions per camp and per group exactly as grouped rows do", async () => {
      const ids = [...Object.values(m), randomUUID()];
      const rows = await getDb()
        .select({
          measureId: positions.measureId,
          camp: positions.camp,
          stakeholderGroup: positions.stakeholderGroup,
          stance: positions.stance,
          count: sql<number>`count(*)::int`,
        })
        .from(positions)
        .where(inArray(positions.measureId, ids))
        .groupBy(positions.measureId, positions.camp, positions.stakeholderGroup, positions.stance);
      const tallies = await talliesOf(getDb(), ids);
      expect([...tallies.keys()]).toEqual(ids);
      for (const id of ids) expect(tallies.get(id)).toEqual(tallyFrom(rows.filter((r) => r.measureId === id)));
      expect(tallies.get(m.M3!)!.byGroup.academia).toEqual({ support: 0, oppose: 0, abstain: 1 });
      expect(tallies.get(m.M7!)!.byCamp.internet_freedom).toEqual({ support: 0, oppose: 2, abstain: 0 });
    });

    it("counts each measure's comments exactly as a count per measure does", async () => {
      const summaries = await listMeasureSummaries(getDb(), forumId, await viewer(chairId));
      for (const s of summaries) {
        const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(comments).where(and(eq(comments.measureId, s.id)));
        expect(s.commentCount, s.title).toBe(row!.n);
      }
      expect(Object.fromEntries(summaries.map((s) => [s.title, s.commentCount]))).toMatchObject({
        "Measure M1": 3,
        "Measure M2": 1,
        "Measure M4": 0,
        "Measure M7": 2,
      });
    });
  });

  describe("agenda order", () => {
    it("lists the newest measures first, a page at a time, every measure once", async () => {
      const pages = await allPages("agenda");
      expect(pages.map((p) => titles(p.items))).toEqual([["M7", "M5"], ["M4", "M3"], ["M2", "M1"]]);
      expect(pages.map((p) => [p.page, p.pageCount, p.total, p.agendaTotal])).toEqual([
        [1, 3, 6, 6],
        [2, 3, 6, 6],
        [3, 3, 6, 6],
      ]);
      const summaries = await listMeasureSummaries(getDb(), forumId, await viewer(chairId));
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(summaries.map((s) => s.id));
    });

    it("shows the last page for a page past the end", async () => {
      const page = await listAgendaPage(getDb(), forumId, await viewer(chairId), q({ page: 99 }), 4);
      expect([page.page, page.pageCount]).toEqual([2, 2]);
      expect(titles(page.items)).toEqual(["M2", "M1"]);
    });

    it("keeps other people's drafts out of the pages and the counts, but not the author's", async () => {
      const [chairs] = await allPages("agenda", chairId, 25);
      expect(titles(chairs!.items)).not.toContain("M6");
      const [authors] = await allPages("agenda", northlandId, 25);
      expect(titles(authors!.items)).toEqual(["M7", "M6", "M5", "M4", "M3", "M2", "M1"]);
      expect([authors!.total, authors!.agendaTotal]).toEqual([7, 7]);
    });
  });

  describe("ranked views", () => {
    it("ranks every measure by bridging before cutting the pages", async () => {
      const pages = await allPages("common-ground");
      const summaries = await listMeasureSummaries(getDb(), forumId, await viewer(chairId));
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(rankCommonGround(summaries).map((s) => s.id));
      // The oldest measure, last in agenda order, leads the ranking.
      expect(titles(pages[0]!.items)[0]).toBe("M1");
      expect(pages[0]!.total).toBe(6);
    });

    it("leaves out the measures that divide nobody, and counts only the others", async () => {
      const pages = await allPages("divides");
      const summaries = await listMeasureSummaries(getDb(), forumId, await viewer(chairId));
      const divides = rankDivides(summaries);
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(divides.map((s) => s.id));
      expect(titles(pages.flatMap((p) => p.items))).toEqual(["M7", "M2", "M3"]);
      expect(pages.map((p) => [p.total, p.agendaTotal, p.pageCount])).toEqual([
        [3, 6, 2],
        [3, 6, 2],
      ]);
    });
  });

  describe("what a card carries", () => {
    it("has the same camp tallies, comment counts and open decision as the full summaries, without the groups", async () => {
      const [page] = await allPages("agenda", chairId, 25);
      const summaries = new Map((await listMeasureSummaries(getDb(), forumId, await viewer(chairId))).map((s) => [s.id, s]));
      for (const item of page!.items) {
        const s = summaries.get(item.id)!;
        expect(item.tally).toEqual({ total: s.tally.total, byCamp: s.tally.byCamp });
        expect(item).not.toHaveProperty("tally.byGroup");
        expect(item).not.toHaveProperty("createdAt");
        expect([item.title, item.proposedBy, item.status, item.commentCount]).toEqual([s.title, s.proposedBy, s.status, s.commentCount]);
      }
      const m5 = page!.items.find((i) => i.id === m.M5)!;
      expect(m5.decision).toEqual({ rule: "simple_majority", deadline: expect.any(String) });
      expect(page!.items.find((i) => i.id === m.M3)!.decision).toBeNull();
    });
  });

  describe("the forum page's read", () => {
    it("gives the forum, its members and one page of the agenda", async () => {
      const page = await getForumAgendaPage(chairId, forumId, q({ view: "divides" }));
      expect(page.forum.id).toBe(forumId);
      expect(page.members).toHaveLength(6);
      expect(page.agenda.view).toBe("divides");
      expect(titles(page.agenda.items)).toEqual(["M7", "M2", "M3"]);
    });

    it("is not found for someone outside the forum", async () => {
      const outsider = await newUser("Outsider");
      const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
      expect(await code(getForumAgendaPage(outsider.id, forumId, q({})))).toBe("not_found");
    });
  });
}

describe("agenda on PGlite", () => suite(openTestPglite));

describePostgres("agenda on PostgreSQL", () => suite(openTestPostgres));
