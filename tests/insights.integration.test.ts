// The map, dashboard, report and exports of one fixture forum, read through the domain functions
// from a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), with every
// number worked out by hand below.
//
// The forum: a chair (non-aligned), Northland and Open Net (Internet Freedom), Meridia and Varos
// (Cyber Sovereignty), Aurelia (non-aligned) and an observer. Four measures on the agenda —
//   M1 adopted by consensus, all five delegations in support;
//   M2 not adopted by consensus: Meridia ("Too broad") and Varos object, Aurelia abstains;
//   M3 in decision by simple majority: Northland supports, Meridia abstains;
//   M4 under discussion: Northland and Open Net oppose, Meridia supports, Varos supports, abstains
//      and supports again, Aurelia abstains —
// plus Northland's draft M5 and Open Net's withdrawn M6. Then the chair removes Open Net, which
// withdraws its position on M4 but keeps those on the decided M1 and M2.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Database } from "@/db/client";
import { closeDecision } from "@/lib/measure/decisions";
import { DomainError } from "@/lib/core/errors";
import { getConsensusMapPage, getForumDashboard } from "@/lib/insight/insights";
import { removeMember } from "@/lib/forum/members";
import { getOutcomeReport } from "@/lib/insight/report";
import { reportMarkdown } from "@/lib/insight/report-markdown";
import { registerUser } from "@/lib/auth/users";
import type { Camp, Stance, StakeholderGroup } from "@/lib/core/vocabulary";
import { describePostgres, openTestPglite, openTestPostgres, withDatabase } from "./support/databases";
import { addComment, openDecision, exportDataset, createForum, joinForum, updateForum, changeRole, takePosition, changeStatus, proposeMeasure } from "@/tests/support/edge";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : e instanceof ZodError ? "invalid input" : String(e)),
  );

async function person(name: string) {
  return registerUser({ name, email: `${randomUUID()}@example.org`, password: "correct horse battery" });
}

async function fixtureForum() {
  const chair = await person("Elena Brandt");
  const forum = await createForum(chair.id, { title: "Insights fixture", description: "" });
  const join = async (name: string, delegation: string, camp: Camp, stakeholderGroup: StakeholderGroup = "state") => {
    const user = await person(name);
    const { member } = await joinForum(user.id, { code: forum.joinCode, delegation, camp, stakeholderGroup });
    return { userId: user.id, memberId: member.id };
  };
  const northland = await join("Ingrid Halvorsen", "Northland", "internet_freedom");
  const opennet = await join("Sofia Reyes", "Open Net", "internet_freedom", "civil_society");
  const meridia = await join("Dmitri Volkov", "Meridia", "cyber_sovereignty");
  const varos = await join("Li Wen", "Varos", "cyber_sovereignty");
  const aurelia = await join("Amara Okafor", "Aurelia", "non_aligned");
  const observer = await join("Watcher Person", "Observer Org", "non_aligned", "academia");
  await changeRole(chair.id, forum.id, observer.memberId, { role: "observer" });

  const propose = (who: { id: string } | { userId: string }, title: string, draft = false) =>
    proposeMeasure("id" in who ? who.id : who.userId, forum.id, { title, kind: "norm", text: `The text of ${title}.`, draft });
  const stance = (who: { userId: string }, measureId: string, s: Stance, rationale = "") =>
    takePosition(who.userId, measureId, { stance: s, rationale, clientId: randomUUID() });

  const m1 = await propose(chair, "M1 Points of contact");
  for (const p of [northland, opennet, meridia, varos, aurelia]) await stance(p, m1.id, "support");
  await addComment(aurelia.userId, m1.id, { body: "Good.", clientId: randomUUID() });
  await openDecision(chair.id, m1.id, { rule: "consensus" });
  await closeDecision(chair.id, m1.id);

  const m2 = await propose(chair, "M2 Critical infrastructure");
  await stance(northland, m2.id, "support");
  await stance(opennet, m2.id, "support");
  await stance(meridia, m2.id, "oppose", "Too broad");
  await stance(varos, m2.id, "oppose");
  await stance(aurelia, m2.id, "abstain");
  await openDecision(chair.id, m2.id, { rule: "consensus" });
  await closeDecision(chair.id, m2.id);

  const m3 = await propose(chair, "M3 Vulnerabilities");
  await stance(northland, m3.id, "support");
  await stance(meridia, m3.id, "abstain");
  await openDecision(chair.id, m3.id, { rule: "simple_majority" });

  const m4 = await propose(chair, "M4 Sovereignty");
  await stance(northland, m4.id, "oppose");
  await stance(opennet, m4.id, "oppose");
  await stance(meridia, m4.id, "support");
  await stance(varos, m4.id, "support");
  await stance(varos, m4.id, "abstain");
  await stance(varos, m4.id, "support");
  await stance(aurelia, m4.id, "abstain");
  await addComment(observer.userId, m4.id, { body: "=SUM(A1) is what we think of this.", clientId: randomUUID() });

  const m5 = await propose(northland, "M5 Northland's draft", true);
  await addComment(northland.userId, m5.id, { body: "Note to self.", clientId: randomUUID() });
  const m6 = await propose(opennet, "M6 Withdrawn idea");
  await changeStatus(opennet.userId, m6.id, { to: "withdrawn" });

  await removeMember(chair.id, forum.id, opennet.memberId);
  return { chair, forum, northland, meridia, observer, m1, m2, m3, m4, m5, m6 };
}

function suite(open: () => Promise<Database>) {
  withDatabase(open);
  let f: Awaited<ReturnType<typeof fixtureForum>>;
  beforeAll(async () => {
    f = await fixtureForum();
  });

  describe("consensus map", () => {
    it("holds the measures on the agenda with their live tallies, and no drafts, even for their author", async () => {
      const page = await getConsensusMapPage(f.northland.userId, f.forum.id);
      expect(page.measures.map((m) => [m.title, m.tally.total])).toEqual([
        ["M4 Sovereignty", { support: 2, oppose: 1, abstain: 1 }],
        ["M3 Vulnerabilities", { support: 1, oppose: 0, abstain: 1 }],
        ["M2 Critical infrastructure", { support: 2, oppose: 2, abstain: 1 }],
        ["M1 Points of contact", { support: 5, oppose: 0, abstain: 0 }],
      ]);
    });
  });

  describe("dashboard", () => {
    it("counts members by camp and group, without the removed member", async () => {
      const d = await getForumDashboard(f.northland.userId, f.forum.id);
      expect(d.members.total).toBe(6);
      expect(d.members.byCamp).toEqual({ internet_freedom: 1, cyber_sovereignty: 2, non_aligned: 3 });
      expect(d.members.byGroup).toEqual({ state: 4, intergovernmental: 1, civil_society: 0, private_sector: 0, academia: 1, technical_community: 0 });
      expect(d.members.cells.non_aligned).toEqual({ state: 1, intergovernmental: 1, civil_society: 0, private_sector: 0, academia: 1, technical_community: 0 });
    });

    it("counts measures by status, drafts left out, and the positions on them", async () => {
      const d = await getForumDashboard(f.northland.userId, f.forum.id);
      expect(d.statuses).toEqual({ draft: 0, under_discussion: 1, in_decision: 1, adopted: 1, not_adopted: 1, withdrawn: 1 });
      expect(d.onAgenda).toBe(4);
      expect(d.positions).toBe(16);
    });

    it("lists who the open decision is waiting for: chairs and delegates, not the observer", async () => {
      const d = await getForumDashboard(f.northland.userId, f.forum.id);
      expect(d.awaiting.map((a) => ({ title: a.title, rule: a.rule, taken: a.taken, awaiting: a.awaiting.map((m) => m.delegation) }))).toEqual([
        { title: "M3 Vulnerabilities", rule: "simple_majority", taken: 2, awaiting: ["Aurelia", "Chair", "Varos"] },
      ]);
    });

    it("ranks the open measures: M3 bridges at 2/3 · 1/2 · 1/2, M4 at 1/3 · 3/4 · 1/2, and only M4 divides (100 points)", async () => {
      const d = await getForumDashboard(f.northland.userId, f.forum.id);
      expect(d.bridging.map((m) => m.title)).toEqual(["M3 Vulnerabilities", "M4 Sovereignty"]);
      expect(d.bridging[0]!.bridging).toBeCloseTo(1 / 6, 10);
      expect(d.bridging[1]!.bridging).toBeCloseTo(1 / 8, 10);
      expect(d.divides.map((m) => [m.title, m.gap])).toEqual([["M4 Sovereignty", 1]]);
    });

    it("is refused to someone outside the forum", async () => {
      const outsider = await person("Outsider");
      expect(await refusal(getForumDashboard(outsider.id, f.forum.id))).toBe("not_found: Forum was not found.");
      expect(await refusal(getConsensusMapPage(outsider.id, f.forum.id))).toBe("not_found: Forum was not found.");
    });
  });

  describe("outcome report", () => {
    it("gives the adopted measure its text, rule and final tally by camp and by group", async () => {
      const r = await getOutcomeReport(f.observer.userId, f.forum.id);
      expect(r.adopted).toHaveLength(1);
      const m1 = r.adopted[0]!;
      expect(m1).toMatchObject({ title: "M1 Points of contact", rule: "consensus", text: "The text of M1 Points of contact.", reasons: ["No delegation objects"], objections: [] });
      expect(m1.html).toBe("<p>The text of M1 Points of contact.</p>\n");
      expect(m1.tally.byCamp).toEqual({
        internet_freedom: { support: 2, oppose: 0, abstain: 0 },
        cyber_sovereignty: { support: 2, oppose: 0, abstain: 0 },
        non_aligned: { support: 1, oppose: 0, abstain: 0 },
      });
      expect(m1.tally.byGroup.state).toEqual({ support: 4, oppose: 0, abstain: 0 });
      expect(m1.tally.byGroup.civil_society).toEqual({ support: 1, oppose: 0, abstain: 0 });
    });

    it("gives the measure not adopted its objections with their rationales", async () => {
      const r = await getOutcomeReport(f.observer.userId, f.forum.id);
      expect(r.notAdopted.map((m) => [m.title, m.objectionsHeading, m.objections, m.reasons])).toEqual([
        [
          "M2 Critical infrastructure",
          "Objections",
          [
            { delegation: "Meridia", camp: "cyber_sovereignty", reason: "Too broad" },
            { delegation: "Varos", camp: "cyber_sovereignty", reason: "" },
          ],
          ["2 delegations object"],
        ],
      ]);
    });

    it("counts participation: the removed delegation's decided positions stay, its open one went", async () => {
      const r = await getOutcomeReport(f.observer.userId, f.forum.id);
      expect(r.chairs).toEqual(["Chair"]);
      expect(r.forum).toEqual({ id: f.forum.id, title: "Insights fixture", description: "", status: "open", discloseMemberNames: false });
      expect(r.participation).toEqual({
        members: 6,
        byRole: { chair: 1, delegate: 4, observer: 1 },
        canTakePositions: 5,
        delegationsWithPositions: 5,
        positions: { support: 10, oppose: 3, abstain: 3, total: 16 },
        positionsByCamp: {
          internet_freedom: { support: 5, oppose: 1, abstain: 0 },
          cyber_sovereignty: { support: 4, oppose: 2, abstain: 1 },
          non_aligned: { support: 1, oppose: 0, abstain: 2 },
        },
        comments: 2,
        delegationsWithComments: 2,
      });
    });

    it("lists what is still open, oldest first, and places the agenda on the map", async () => {
      const r = await getOutcomeReport(f.observer.userId, f.forum.id);
      expect(r.open.map((m) => [m.title, m.status])).toEqual([
        ["M3 Vulnerabilities", "in_decision"],
        ["M4 Sovereignty", "under_discussion"],
      ]);
      expect(r.map.points.map((p) => [p.title, p.internetFreedom, p.cyberSovereignty, p.nonAligned, p.region])).toEqual([
        ["M1 Points of contact", 1, 1, 1, "common_ground"],
        ["M2 Critical infrastructure", 1, 0, null, "contested"],
        ["M4 Sovereignty", 0, 1, null, "contested"],
      ]);
      expect(r.map.unplaced.map((u) => [u.title, u.missing])).toEqual([["M3 Vulnerabilities", ["cyber_sovereignty"]]]);
    });

    it("writes as Markdown without anyone's personal name", async () => {
      const md = reportMarkdown(await getOutcomeReport(f.chair.id, f.forum.id));
      expect(md).toContain("- Meridia (Cyber Sovereignty): “Too broad”\n- Varos (Cyber Sovereignty) — no rationale given");
      for (const name of ["Elena Brandt", "Ingrid Halvorsen", "Dmitri Volkov", "Li Wen", "Amara Okafor", "Watcher Person"]) expect(md).not.toContain(name);
    });
  });

  describe("exports", () => {
    const parse = async (dataset: string, query: Record<string, string> = {}) =>
      JSON.parse((await exportDataset(f.observer.userId, f.forum.id, dataset, { format: "json", ...query })).body) as {
        dataset: string;
        note: string;
        rows: Record<string, unknown>[];
      };

    it("lists every measure but drafts, oldest first, with tallies by camp and the decision", async () => {
      const { rows } = await parse("measures");
      expect(rows.map((r) => [r.title, r.status])).toEqual([
        ["M1 Points of contact", "adopted"],
        ["M2 Critical infrastructure", "not_adopted"],
        ["M3 Vulnerabilities", "in_decision"],
        ["M4 Sovereignty", "under_discussion"],
        ["M6 Withdrawn idea", "withdrawn"],
      ]);
      expect(rows[1]).toMatchObject({
        positions: 5, support: 2, oppose: 2, abstain: 1,
        if_support: 2, cs_oppose: 2, na_abstain: 1,
        bridging_score: 0.0938, divide_gap: 1, decision_rule: "consensus", decision_outcome: "not_adopted", comments: 0,
      });
    });

    it("lists positions with delegation, camp and group, and no personal names", async () => {
      const { rows, note } = await parse("positions");
      expect(rows).toHaveLength(16);
      expect(rows.find((r) => r.measure_title === "M2 Critical infrastructure" && r.delegation === "Meridia")).toMatchObject({
        camp: "cyber_sovereignty", stakeholder_group: "state", stance: "oppose", rationale: "Too broad",
      });
      expect(rows.filter((r) => r.delegation === "Open Net").map((r) => r.measure_title)).toEqual(["M1 Points of contact", "M2 Critical infrastructure"]);
      expect(note).toBe("Personal names of members are not included; delegation names, camps and stakeholder groups are.");
      const csv = (await exportDataset(f.observer.userId, f.forum.id, "positions", { format: "csv" })).body;
      expect(csv.split("\r\n")[0]).toBe('"measure_id","measure_title","measure_status","delegation","member_name","camp","stakeholder_group","stance","rationale","updated_at"');
      expect(csv.trimEnd().split("\r\n")).toHaveLength(17);
      for (const name of ["Ingrid Halvorsen", "Dmitri Volkov", "Sofia Reyes"]) expect(csv).not.toContain(name);
    });

    it("carries members' names only once the chair allows it", async () => {
      await updateForum(f.chair.id, f.forum.id, { discloseMemberNames: true });
      try {
        const { rows, note } = await parse("positions");
        expect(rows.find((r) => r.delegation === "Meridia")?.member_name).toBe("Dmitri Volkov");
        expect(note).toMatch(/^This forum's chair allows members' names/);
        const comments = await parse("comments");
        expect(comments.rows.every((r) => typeof r.member_name === "string" && r.member_name.length > 0)).toBe(true);
      } finally {
        await updateForum(f.chair.id, f.forum.id, { discloseMemberNames: false });
      }
      expect((await parse("positions")).rows.every((r) => r.member_name === null)).toBe(true);
    });

    it("lists comments on measures on the record, with formulas defused in CSV", async () => {
      const { rows } = await parse("comments");
      expect(rows.map((r) => [r.measure_title, r.delegation, r.body])).toEqual([
        ["M1 Points of contact", "Aurelia", "Good."],
        ["M4 Sovereignty", "Observer Org", "=SUM(A1) is what we think of this."],
      ]);
      const csv = (await exportDataset(f.observer.userId, f.forum.id, "comments", { format: "csv" })).body;
      expect(csv).toContain(`"'=SUM(A1) is what we think of this."`);
      expect(csv).not.toContain("Watcher Person");
    });

    it("replays a measure's support step by step, ending at its tally", async () => {
      const { rows } = await parse("support-history", { measureId: f.m4.id });
      expect(rows.map((r) => [r.step, r.delegation, r.camp, r.previous_stance, r.stance, `${r.if_support}/${r.if_oppose}`, `${r.cs_support}/${r.cs_oppose}/${r.cs_abstain}`, r.na_abstain])).toEqual([
        [1, "Northland", "internet_freedom", null, "oppose", "0/1", "0/0/0", 0],
        [2, "Open Net", "internet_freedom", null, "oppose", "0/2", "0/0/0", 0],
        [3, "Meridia", "cyber_sovereignty", null, "support", "0/2", "1/0/0", 0],
        [4, "Varos", "cyber_sovereignty", null, "support", "0/2", "2/0/0", 0],
        [5, "Varos", "cyber_sovereignty", "support", "abstain", "0/2", "1/0/1", 0],
        [6, "Varos", "cyber_sovereignty", "abstain", "support", "0/2", "2/0/0", 0],
        [7, "Aurelia", "non_aligned", null, "abstain", "0/2", "2/0/0", 1],
        [8, "Open Net", "internet_freedom", "oppose", "withdrawn", "0/1", "2/0/0", 1],
      ]);
    });

    it("narrows to one measure, and refuses a draft, another forum's measure or an unknown export", async () => {
      expect((await parse("positions", { measureId: f.m3.id })).rows.map((r) => r.delegation)).toEqual(["Meridia", "Northland"]);
      expect(await refusal(exportDataset(f.northland.userId, f.forum.id, "positions", { measureId: f.m5.id }))).toBe("not_found: Measure was not found.");
      const other = await createForum(f.chair.id, { title: "Another forum", description: "" });
      const elsewhere = await proposeMeasure(f.chair.id, other.id, { title: "Elsewhere", kind: "cbm", text: "Elsewhere." });
      expect(await refusal(exportDataset(f.chair.id, f.forum.id, "measures", { measureId: elsewhere.id }))).toBe("not_found: Measure was not found.");
      expect(await refusal(exportDataset(f.chair.id, f.forum.id, "votes", {}))).toBe(
        'not_found: There is no export called "votes": choose measures, positions, comments, support-history.',
      );
      expect(await refusal(exportDataset(f.chair.id, f.forum.id, "measures", { format: "xlsx" } as never))).toBe("invalid input");
    });

    it("is refused to someone outside the forum", async () => {
      const outsider = await person("Outsider");
      expect(await refusal(exportDataset(outsider.id, f.forum.id, "positions", {}))).toBe("not_found: Forum was not found.");
      expect(await refusal(getOutcomeReport(outsider.id, f.forum.id))).toBe("not_found: Forum was not found.");
    });
  });
}

describe("insights on PGlite", () => suite(openTestPglite));

describePostgres("insights on PostgreSQL", () => suite(openTestPostgres));
