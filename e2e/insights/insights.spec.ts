// The chair's views of the demo forum — consensus map, dashboard, outcome report and the
// per-measure charts — checked number by number against the JSON API, the map kept live while a
// delegation changes its position, and every export downloaded and parsed.
import fs from "node:fs";
import { expect, test, type Browser, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { MeasureSummary, MemberView, PositionView } from "@/lib/core/views";
import { expectNotReloaded, markNoReload, personInNewContext, signIn, waitLive } from "../support/people";

const DEMO = "OEWG — Confidence-building measures (demo)";
const DEMO_PASSWORD = "concord-demo";
const LIVE = { timeout: 2_000 };
const campKeys = ["internet_freedom", "cyber_sovereignty", "non_aligned"] as const;
const open = (m: MeasureSummary) => m.status === "under_discussion" || m.status === "in_decision";
const onAgenda = (m: MeasureSummary) => m.status !== "draft" && m.status !== "withdrawn";
const total = (c: { support: number; oppose: number; abstain: number }) => c.support + c.oppose + c.abstain;

/** Support ÷ (support + oppose) as the pages print it: whole percent, or a dash. */
function pct(c: { support: number; oppose: number }) {
  const n = c.support + c.oppose;
  return n === 0 ? "—" : `${Math.round((c.support / n) * 100)}%`;
}

async function demoUser(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your forums" })).toBeVisible();
  const forums = (await (await context.request.get("/api/forums")).json()) as { forums: { id: string; title: string }[] };
  const forumId = forums.forums.find((f) => f.title === DEMO)!.id;
  return { context, page, request: context.request, forumId };
}

async function measuresOf(request: APIRequestContext, forumId: string, view = "agenda") {
  const res = await request.get(`/api/forums/${forumId}/measures?view=${view}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { measures: MeasureSummary[] }).measures;
}

/** RFC 4180 CSV, as the exports write it, into records keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      [row, cell] = [[], ""];
      i++;
    } else cell += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName, exact: true }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, "utf8") };
}

test("the consensus map of the demo forum shows the API's numbers, works with the keyboard and moves live", async ({ browser }) => {
  const chair = await demoUser(browser, "chair@demo.concord");
  const { page, forumId } = chair;
  await page.goto(`/forums/${forumId}`);
  await page.getByRole("navigation", { name: "Forum" }).getByRole("link", { name: "Consensus map" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consensus map" })).toBeVisible();
  await waitLive(page);

  const measures = (await measuresOf(chair.request, forumId)).filter(onAgenda);
  const table = page.getByTestId("consensus-map-table");
  for (const m of measures) {
    const row = table.locator("tr", { hasText: m.title });
    await expect(row).toHaveCount(1);
    const cells = row.locator("td");
    await expect(cells.nth(2)).toHaveText(`${pct(m.tally.byCamp.internet_freedom)} (${m.tally.byCamp.internet_freedom.support}/${m.tally.byCamp.internet_freedom.oppose}/${m.tally.byCamp.internet_freedom.abstain})`);
    await expect(cells.nth(3)).toHaveText(`${pct(m.tally.byCamp.cyber_sovereignty)} (${m.tally.byCamp.cyber_sovereignty.support}/${m.tally.byCamp.cyber_sovereignty.oppose}/${m.tally.byCamp.cyber_sovereignty.abstain})`);
    await expect(cells.nth(4)).toHaveText(`${pct(m.tally.byCamp.non_aligned)} (${m.tally.byCamp.non_aligned.support}/${m.tally.byCamp.non_aligned.oppose}/${m.tally.byCamp.non_aligned.abstain})`);
    await expect(cells.nth(5)).toHaveText(String(total(m.tally.total)));
  }

  // Regions, worked out here from the API's tallies: a majority is more support than opposition.
  const majority = (c: { support: number; oppose: number }) => c.support > c.oppose;
  const placed = measures.filter((m) => total(m.tally.byCamp.internet_freedom) - m.tally.byCamp.internet_freedom.abstain > 0 && total(m.tally.byCamp.cyber_sovereignty) - m.tally.byCamp.cyber_sovereignty.abstain > 0);
  const both = placed.filter((m) => majority(m.tally.byCamp.internet_freedom) && majority(m.tally.byCamp.cyber_sovereignty)).length;
  const one = placed.filter((m) => majority(m.tally.byCamp.internet_freedom) !== majority(m.tally.byCamp.cyber_sovereignty)).length;
  const regions = page.getByTestId("region-counts");
  const count = (region: string) => regions.locator(`[data-region=${region}] span`).nth(1);
  await expect(count("common_ground")).toHaveText(String(both));
  await expect(count("contested")).toHaveText(String(one));
  await expect(count("little_support")).toHaveText(String(placed.length - both - one));
  await expect(count("unplaced")).toHaveText(String(measures.length - placed.length));

  // Every placed measure is a named link on the map; focus shows its numbers, Escape hides them.
  const map = page.getByTestId("consensus-map");
  await expect(map.getByRole("link")).toHaveCount(placed.length);
  const directory = measures.find((m) => m.title === "Directory of national points of contact")!;
  const point = map.getByRole("link", { name: /Directory of national points of contact/ });
  await expect(point).toHaveAccessibleName(/Internet Freedom 100% support \(3 of 3\), Cyber Sovereignty 100% \(3 of 3\)/);
  await point.focus();
  const tooltip = page.getByTestId("map-tooltip");
  await expect(tooltip).toContainText("Directory of national points of contact");
  await expect(tooltip).toContainText(`${total(directory.tally.total)} positions`);
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();

  // A delegation opposes a measure: its row and point move on the chair's map without a reload.
  await markNoReload(page);
  const capacity = measures.find((m) => m.title === "Capacity building for incident response in developing states")!;
  const ero = await demoUser(browser, "ero@demo.concord");
  const put = await ero.request.put(`/api/measures/${capacity.id}/position`, { data: { stance: "oppose", rationale: "Needs a regional lens.", clientId: randomUUID() } });
  expect(put.status()).toBe(200);
  const after = (await measuresOf(chair.request, forumId)).find((m) => m.id === capacity.id)!;
  const cs = after.tally.byCamp.cyber_sovereignty;
  const capacityRow = table.locator("tr", { hasText: capacity.title });
  await expect(capacityRow.locator("td").nth(3)).toHaveText(`${pct(cs)} (${cs.support}/${cs.oppose}/${cs.abstain})`, LIVE);
  await expect(capacityRow.locator("td").nth(5)).toHaveText(String(total(after.tally.total)));
  await expect(map.getByRole("link", { name: /Capacity building/ })).toHaveAccessibleName(new RegExp(`Cyber Sovereignty ${pct(cs)} \\(${cs.support} of ${cs.support + cs.oppose}\\)`));
  await expectNotReloaded(page);

  await map.getByRole("link", { name: /Voluntary sharing/ }).hover();
  await expect(tooltip).toContainText("Voluntary sharing");
  await page.screenshot({ path: "e2e/screenshots/consensus-map.png", fullPage: true });
  await map.screenshot({ path: "e2e/screenshots/consensus-map-detail.png" });

  // Enter on a focused point opens its measure.
  await point.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Directory of national points of contact" })).toBeVisible();
  await Promise.all([chair.context.close(), ero.context.close()]);
});

test("the dashboard counts members, measures and waiting delegations as the API does", async ({ browser }) => {
  const chair = await demoUser(browser, "chair@demo.concord");
  const { page, forumId, request } = chair;
  await page.goto(`/forums/${forumId}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await waitLive(page);

  const forum = (await (await request.get(`/api/forums/${forumId}`)).json()) as { members: MemberView[]; measures: MeasureSummary[] };
  const shared = forum.measures.filter((m) => m.status !== "draft");
  await expect(page.getByTestId("figure-members")).toHaveText(String(forum.members.length));
  await expect(page.getByTestId("figure-measures")).toHaveText(String(shared.filter(onAgenda).length));
  await expect(page.getByTestId("figure-positions")).toHaveText(String(shared.reduce((n, m) => n + total(m.tally.total), 0)));
  await expect(page.getByTestId("figure-in-decision")).toHaveText(String(shared.filter((m) => m.status === "in_decision").length));
  for (const camp of campKeys) {
    await expect(page.getByTestId("members-by-camp").locator(`[data-camp=${camp}]`)).toContainText(String(forum.members.filter((m) => m.camp === camp).length));
  }
  const statusTable = page.getByTestId("status-chart").getByRole("table");
  await page.getByTestId("status-chart").getByText("Show the data as a table").click();
  await expect(statusTable.locator("tr", { hasText: "Under discussion" }).locator("td")).toHaveText(String(shared.filter((m) => m.status === "under_discussion").length));
  await expect(statusTable.locator("tr", { hasText: /^Adopted/ }).locator("td")).toHaveText(String(shared.filter((m) => m.status === "adopted").length));

  // Who each decision is waiting for: chairs and delegates without a position.
  const eligible = forum.members.filter((m) => m.role !== "observer");
  for (const m of shared.filter((x) => x.status === "in_decision" && x.decision?.rule !== "silence")) {
    const detail = (await (await request.get(`/api/measures/${m.id}`)).json()) as { positions: PositionView[] };
    const holders = new Set(detail.positions.map((p) => p.memberId));
    const waiting = eligible.filter((e) => !holders.has(e.id)).map((e) => e.delegation).sort((a, b) => a.localeCompare(b));
    const entry = page.getByTestId("awaiting").locator(`[data-measure-id="${m.id}"]`);
    await expect(entry.getByTestId("taken")).toHaveText(`${eligible.length - waiting.length} of ${eligible.length}`);
    await expect(entry.locator("[data-delegation]")).toHaveCount(waiting.length);
    await expect(entry.locator("[data-delegation]")).toContainText(waiting);
  }

  // Rankings among open measures, in the API's own common-ground and divides order.
  const bridging = (await measuresOf(request, forumId, "common-ground")).filter(open).slice(0, 5);
  await expect(page.getByTestId("top-bridging").getByRole("listitem").getByRole("link")).toHaveText(bridging.map((m) => m.title));
  const divides = (await measuresOf(request, forumId, "divides")).filter(open).slice(0, 5);
  await expect(page.getByTestId("most-divisive").getByRole("listitem").getByRole("link")).toHaveText(divides.map((m) => m.title));
  await page.screenshot({ path: "e2e/screenshots/dashboard.png", fullPage: true });
  await chair.context.close();
});

test("the measure page charts where support comes from and how it moved", async ({ browser }) => {
  const chair = await demoUser(browser, "chair@demo.concord");
  const { page, forumId, request } = chair;
  const measure = (await measuresOf(request, forumId)).find((m) => m.title === "No ICT activity that damages critical infrastructure serving the public")!;
  await page.goto(`/forums/${forumId}/measures/${measure.id}`);
  const charts = page.getByRole("region", { name: "Where support comes from" });
  await expect(charts).toBeVisible();
  const byCamp = charts.getByRole("figure").filter({ hasText: "By camp" });
  await byCamp.getByText("Show the data as a table").click();
  for (const [camp, label] of [["internet_freedom", "Internet Freedom"], ["cyber_sovereignty", "Cyber Sovereignty"], ["non_aligned", "Non-aligned"]] as const) {
    const c = measure.tally.byCamp[camp];
    await expect(byCamp.locator("tr", { hasText: label }).locator("td")).toHaveText([String(c.support), String(c.oppose), String(c.abstain), String(total(c))]);
  }
  const timeline = charts.getByTestId("support-timeline");
  const changes = total(measure.tally.total);
  await expect(timeline).toHaveAttribute("aria-label", new RegExp(`^Support over time\\. ${changes} changes of position`));

  // The chair takes a position: the bars and the history follow without a reload.
  await waitLive(page);
  await markNoReload(page);
  const put = await request.put(`/api/measures/${measure.id}/position`, { data: { stance: "abstain", rationale: "", clientId: randomUUID() } });
  expect(put.status()).toBe(200);
  await expect(timeline).toHaveAttribute("aria-label", new RegExp(`^Support over time\\. ${changes + 1} changes of position`), LIVE);
  await expect(byCamp.locator("tr", { hasText: "Non-aligned" }).locator("td").nth(2)).toHaveText(String(measure.tally.byCamp.non_aligned.abstain + 1));
  await expectNotReloaded(page);
  await charts.getByText("Show the data as a table").last().click();
  await charts.screenshot({ path: "e2e/screenshots/measure-charts.png" });
  await chair.context.close();
});

test("the outcome report matches the API, prints, and every export downloads and parses", async ({ browser }) => {
  const member = await demoUser(browser, "northland@demo.concord");
  const { page, forumId, request } = member;
  await page.goto(`/forums/${forumId}/report`);
  await expect(page.getByRole("heading", { level: 1, name: "Outcome report" })).toBeVisible();

  const measures = await measuresOf(request, forumId);
  const agenda = measures.filter(onAgenda);
  const summary = page.getByTestId("report-summary");
  await expect(summary.locator("[data-summary=adopted] dd")).toHaveText(String(agenda.filter((m) => m.status === "adopted").length));
  await expect(summary.locator("[data-summary=not-adopted] dd")).toHaveText(String(agenda.filter((m) => m.status === "not_adopted").length));
  await expect(summary.locator("[data-summary=open] dd")).toHaveText(String(agenda.filter(open).length));
  await expect(page.getByTestId("participation").locator("[data-figure=positions] td")).toHaveText(String(agenda.reduce((n, m) => n + total(m.tally.total), 0)));

  // The adopted measure: its rule and its frozen tally per camp.
  const adopted = agenda.find((m) => m.status === "adopted")!;
  const entry = page.getByTestId("adopted").locator(`[data-measure-id="${adopted.id}"]`);
  await expect(entry).toContainText("Rule: Consensus (no objection)");
  const frozen = adopted.decision!.finalTally!;
  await expect(entry.getByTestId("final-tally")).toHaveText(
    `Final tally: ${total(frozen.total)} positions — ${frozen.total.support} support, ${frozen.total.oppose} oppose, ${frozen.total.abstain} abstain.`,
  );
  for (const [camp, label] of [["internet_freedom", "Internet Freedom"], ["cyber_sovereignty", "Cyber Sovereignty"], ["non_aligned", "Non-aligned"]] as const) {
    const c = frozen.byCamp[camp];
    await expect(entry.getByRole("table").first().locator("tr", { hasText: label }).locator("td").first()).toHaveText(String(c.support));
  }
  await expect(page.getByText("Personal names of members are not included; delegation names, camps and stakeholder groups are.").first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/report.png", fullPage: true });

  // On paper: only the report, on A4 and on Letter.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.screenshot({ path: "e2e/screenshots/report-print.png", fullPage: true });
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: true, path: `e2e/screenshots/report-${format.toLowerCase()}.pdf` });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  }
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1360, height: 900 });

  const md = await download(page, "Report as Markdown");
  expect(md.name).toBe(`concord-outcome-report-${forumId}.md`);
  expect(md.text).toContain(`# Outcome report — ${DEMO}`);
  expect(md.text).toContain(`## Adopted measures (${agenda.filter((m) => m.status === "adopted").length})`);
  expect(md.text).toContain(`### 1. ${adopted.title}`);

  const expected = {
    measures: measures.filter((m) => m.status !== "draft").length,
    positions: measures.filter((m) => m.status !== "draft").reduce((n, m) => n + total(m.tally.total), 0),
    comments: measures.filter((m) => m.status !== "draft").reduce((n, m) => n + m.commentCount, 0),
  };
  const labels = { measures: "Measures", positions: "Positions", comments: "Comments", "support-history": "Support over time" } as const;
  for (const dataset of ["measures", "positions", "comments", "support-history"] as const) {
    const csv = await download(page, `${labels[dataset]} as CSV`);
    const json = await download(page, `${labels[dataset]} as JSON`);
    expect(csv.name).toBe(`concord-${dataset}-${forumId}.csv`);
    const records = parseCsv(csv.text);
    const parsed = JSON.parse(json.text) as { dataset: string; forum: { id: string }; rows: Record<string, unknown>[] };
    expect(parsed.dataset).toBe(dataset);
    expect(parsed.forum.id).toBe(forumId);
    expect(records).toHaveLength(parsed.rows.length);
    if (dataset !== "support-history") expect(records).toHaveLength(expected[dataset]);
    for (const name of ["Ingrid Halvorsen", "Dmitri Volkov", "Ambassador Elena Brandt"]) {
      expect(csv.text).not.toContain(name);
      expect(json.text).not.toContain(name);
    }
    if (dataset === "measures") {
      for (const m of measures.filter((x) => x.status !== "draft")) {
        const r = records.find((x) => x.id === m.id)!;
        expect([r.support, r.oppose, r.abstain, r.if_support, r.cs_oppose]).toEqual(
          [m.tally.total.support, m.tally.total.oppose, m.tally.total.abstain, m.tally.byCamp.internet_freedom.support, m.tally.byCamp.cyber_sovereignty.oppose].map(String),
        );
      }
    }
    if (dataset === "support-history") {
      // Each measure's last step is its tally now.
      for (const m of agenda.filter((x) => total(x.tally.total) > 0)) {
        const last = records.filter((r) => r.measure_id === m.id).at(-1)!;
        expect([last.if_support, last.cs_support, last.na_abstain]).toEqual(
          [m.tally.byCamp.internet_freedom.support, m.tally.byCamp.cyber_sovereignty.support, m.tally.byCamp.non_aligned.abstain].map(String),
        );
      }
    }
  }
  await member.context.close();
});

test("the report and exports are for members only, and say what is wrong with a bad request", async ({ browser, playwright, baseURL }) => {
  const member = await demoUser(browser, "northland@demo.concord");
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of [`/api/forums/${member.forumId}/report`, `/api/forums/${member.forumId}/exports/positions`]) {
    expect((await anonymous.get(path)).status(), path).toBe(401);
  }
  await anonymous.dispose();

  const outsider = await personInNewContext(browser, "Outside Observer");
  expect((await outsider.context.request.get(`/api/forums/${member.forumId}/exports/positions?format=json`)).status()).toBe(404);
  expect((await outsider.context.request.get(`/api/forums/${member.forumId}/report?format=markdown`)).status()).toBe(404);
  const mapPage = await outsider.page.goto(`/forums/${member.forumId}/map`);
  expect(mapPage!.status()).toBe(404);

  const unknown = await member.request.get(`/api/forums/${member.forumId}/exports/votes`);
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: 'There is no export called "votes": choose measures, positions, comments, support-history.' });
  const badFormat = await member.request.get(`/api/forums/${member.forumId}/exports/measures?format=xlsx`);
  expect(badFormat.status()).toBe(422);
  expect((await badFormat.json()).error).toBe("format must be csv or json.");
  await Promise.all([member.context.close(), outsider.context.close()]);
});
