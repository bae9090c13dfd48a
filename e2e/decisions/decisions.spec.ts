// The chair runs decisions while delegations watch: a cross-camp decision blocked by one camp's
// majority, a silence procedure broken by an objection, and one adopted at its deadline.
import { expect, test, type Browser } from "@playwright/test";
import { apiCreateForum, apiJoin, apiPropose, apiStance } from "../support/api";
import { expectNotReloaded, markNoReload, personInNewContext, waitLive } from "../support/people";

const LIVE = { timeout: 2_000 };

async function forumWith(browser: Browser, title: string, delegations: [string, "internet_freedom" | "cyber_sovereignty"][]) {
  const chair = await personInNewContext(browser, "Chair Person");
  const forum = await apiCreateForum(chair.context.request, title);
  const people = [];
  for (const [name, camp] of delegations) {
    const p = await personInNewContext(browser, name);
    await apiJoin(p.context.request, forum.joinCode, name, camp);
    people.push(p);
  }
  const measure = await apiPropose(chair.context.request, forum.id, "Protection of emergency response teams");
  const url = `/forums/${forum.id}/measures/${measure.id}`;
  return { chair, people, forum, measure, url };
}

test("a cross-camp decision: one camp's majority blocks adoption and the page says why", async ({ browser }) => {
  const { chair, people, measure, url } = await forumWith(browser, "Cross-camp forum", [
    ["Northland", "internet_freedom"],
    ["Open Net", "internet_freedom"],
    ["Meridia", "cyber_sovereignty"],
    ["Varos", "cyber_sovereignty"],
    ["Eastern Org", "cyber_sovereignty"],
  ]);
  const [northland, opennet, meridia, varos, eastern] = people.map((p) => p.context.request);
  await apiStance(northland!, measure.id, "support");
  await apiStance(opennet!, measure.id, "support");
  await apiStance(meridia!, measure.id, "support");
  await apiStance(varos!, measure.id, "oppose", "Too broad");
  await apiStance(eastern!, measure.id, "oppose", "Needs national designation");

  await chair.page.goto(url);
  await waitLive(chair.page);
  await chair.page.getByLabel("Decision rule").selectOption("cross_camp");
  await chair.page.getByLabel("A camp counts from this many support/oppose positions").fill("2");
  await chair.page.getByRole("button", { name: "Open the decision" }).click();

  const verdict = chair.page.getByTestId("live-verdict");
  await expect(verdict).toContainText("Would not pass: Cyber Sovereignty below majority", LIVE);
  await expect(verdict).toContainText("Cyber Sovereignty: 1 of 3 support — below majority");
  await expect(verdict).toContainText("Internet Freedom: 2 of 2 support — majority");
  await markNoReload(chair.page);

  // Varos comes round: the verdict changes on the chair's page by itself.
  await apiStance(varos!, measure.id, "support");
  await expect(verdict).toContainText("Would pass", LIVE);
  await expect(verdict).toContainText("Cyber Sovereignty: 2 of 3 support — majority");
  // And goes back: the chair closes with the minority blocking.
  await apiStance(varos!, measure.id, "oppose", "Instructions from capital");
  await expect(verdict).toContainText("Cyber Sovereignty: 1 of 3 support — below majority", LIVE);
  await expectNotReloaded(chair.page);

  await chair.page.getByRole("button", { name: "Close the decision now" }).click();
  const outcome = chair.page.getByRole("region", { name: "Not adopted" });
  await expect(outcome).toBeVisible(LIVE);
  await expect(outcome).toContainText("Under cross-camp majority");
  await expect(outcome).toContainText("Cyber Sovereignty: 1 of 3 support — below majority");
  await expect(chair.page.getByTestId("measure-status")).toHaveText("Not adopted");
  await chair.page.screenshot({ path: "e2e/screenshots/decision-cross-camp.png", fullPage: true });
  await Promise.all([chair, ...people].map((p) => p.context.close()));
});

test("a silence procedure broken by an objection", async ({ browser }) => {
  const { chair, people, url } = await forumWith(browser, "Silence forum", [["Meridia", "cyber_sovereignty"]]);
  const meridia = people[0]!;
  await chair.page.goto(url);
  await waitLive(chair.page);
  await chair.page.getByLabel("Decision rule").selectOption("silence");
  await chair.page.getByLabel("Deadline in minutes").fill("30");
  await chair.page.getByRole("button", { name: "Circulate under silence" }).click();
  await expect(chair.page.getByTestId("live-verdict")).toContainText("Silence unbroken", LIVE);

  await meridia.page.goto(url);
  await meridia.page.getByLabel("Break silence: your objection").fill("Paragraph 2 goes beyond agreed language.");
  await meridia.page.getByRole("button", { name: "Break silence" }).click();

  const verdict = chair.page.getByTestId("live-verdict");
  await expect(verdict).toContainText("Silence broken by 1 objection", LIVE);
  const broken = chair.page.getByRole("list", { name: "Silence broken by" }).getByRole("listitem");
  await expect(broken).toContainText("Meridia");
  await expect(broken).toContainText("Cyber Sovereignty");
  await expect(broken).toContainText("“Paragraph 2 goes beyond agreed language.”");
  await chair.page.screenshot({ path: "e2e/screenshots/decision-silence-broken.png", fullPage: true });
  await Promise.all([chair, ...people].map((p) => p.context.close()));
});

test("a silence procedure is adopted at its deadline while the chair's page is open", async ({ browser }) => {
  const { chair, people, url } = await forumWith(browser, "Deadline forum", [["Northland", "internet_freedom"]]);
  await chair.page.goto(url);
  await waitLive(chair.page);
  await markNoReload(chair.page);
  await chair.page.getByLabel("Decision rule").selectOption("silence");
  await chair.page.getByLabel("Deadline in minutes").fill("0.05");
  await chair.page.getByRole("button", { name: "Circulate under silence" }).click();
  await expect(chair.page.getByTestId("countdown")).toBeVisible();
  // Nobody does anything: the server settles the deadline and the page updates by itself.
  await expect(chair.page.getByRole("region", { name: "Adopted" })).toBeVisible({ timeout: 10_000 });
  await expect(chair.page.getByTestId("measure-status")).toHaveText("Adopted");
  await expect(chair.page.getByRole("list", { name: "History" })).toContainText("The deadline closed the decision");
  await expectNotReloaded(chair.page);
  await Promise.all([chair, ...people].map((p) => p.context.close()));
});
