// Negotiating a paragraph: two delegations from different camps propose alternatives, a third
// backs one, the chair settles it and issues Rev.2, and the redline against Rev.1 shows exactly
// the change. Then two tabs edit one paragraph at once, and the second is refused and shown why.
import { expect, test } from "@playwright/test";
import { apiCreateForum, apiJoin } from "../support/api";
import { personInNewContext, waitLive } from "../support/people";

const LIVE = { timeout: 2_000 };
const TEXT = "States designate a point of contact.\n\nContacts answer within 72 hours.\n\nThe directory is tested yearly.";

test("alternatives, backing, settling, Rev.1 → Rev.2 and the redline", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Chair Person");
  const forum = await apiCreateForum(chair.context.request, "Drafting forum");
  const res = await chair.context.request.post(`/api/forums/${forum.id}/measures`, {
    data: { title: "Points of contact", kind: "cbm", text: TEXT },
  });
  const measure = await res.json();
  const url = `/forums/${forum.id}/measures/${measure.id}`;
  const northland = await personInNewContext(browser, "Northland");
  const meridia = await personInNewContext(browser, "Meridia");
  const aurelia = await personInNewContext(browser, "Aurelia");
  await apiJoin(northland.context.request, forum.joinCode, "Northland", "internet_freedom");
  await apiJoin(meridia.context.request, forum.joinCode, "Meridia", "cyber_sovereignty");
  await apiJoin(aurelia.context.request, forum.joinCode, "Aurelia", "non_aligned");

  await chair.page.goto(url);
  await waitLive(chair.page);
  await chair.page.getByRole("button", { name: "Issue as Rev.1" }).click();
  await expect(chair.page.getByRole("list", { name: "Revisions" })).toContainText("Rev.1", LIVE);

  // Northland and Meridia each propose wording for ¶2.
  for (const [person, wording, why] of [
    [northland, "Contacts answer within 24 hours.", "Incidents move fast."],
    [meridia, "Contacts acknowledge within 72 hours.", "Capitals need time."],
  ] as const) {
    await person.page.goto(url);
    await person.page.getByRole("button", { name: "Propose an alternative for ¶2" }).click();
    const form = person.page.getByRole("form", { name: "Propose an alternative for paragraph 2" });
    await form.getByLabel("Proposed wording").fill(wording);
    await form.getByLabel("Rationale").fill(why);
    await form.getByRole("button", { name: "Propose" }).click();
  }
  const p2 = chair.page.getByRole("region", { name: "Paragraph 2" });
  await expect(p2).toHaveAttribute("data-status", "bracketed", LIVE);
  await expect(p2.locator("article")).toHaveCount(2, LIVE);

  // Aurelia backs Northland's wording; the chair sees the backing split by camp.
  await aurelia.page.goto(url);
  await aurelia.page
    .getByRole("listitem", { name: "Alternative wording by Northland" })
    .getByRole("button", { name: "Back this" })
    .click();
  const northlandAlt = p2.getByRole("listitem", { name: "Alternative wording by Northland" });
  await expect(northlandAlt.getByTestId("backing-by-camp")).toHaveText("Backed by 2: IF 1 · CS 0 · NA 1", LIVE);
  await expect(p2.getByRole("listitem", { name: "Alternative wording by Meridia" }).getByTestId("backing-by-camp")).toHaveText(
    "Backed by 1: IF 0 · CS 1 · NA 0",
  );
  await chair.page.screenshot({ path: "e2e/screenshots/compilation.png", fullPage: true });

  // The chair settles ¶2 on Northland's wording and issues Rev.2.
  await northlandAlt.getByRole("button", { name: "Choose this" }).click();
  await expect(p2).toHaveAttribute("data-status", "agreed", LIVE);
  await expect(p2).toContainText("Contacts answer within 24 hours.");
  await chair.page.getByRole("button", { name: "Issue as Rev.2" }).click();
  const revisions = chair.page.getByRole("list", { name: "Revisions" });
  await expect(revisions).toContainText("Rev.2", LIVE);
  await expect(revisions).toContainText("¶2: wording proposed by Northland agreed");

  // Everyone else sees the settled text without reloading.
  await expect(
    meridia.page.getByRole("region", { name: "Paragraph 2" }),
  ).toContainText("Contacts answer within 24 hours.", LIVE);

  await chair.page.getByLabel("Compare from").selectOption({ label: "Rev.1" });
  await chair.page.getByLabel("Compare to").selectOption({ label: "Rev.2" });
  await chair.page.getByRole("button", { name: "Show redline" }).click();
  const redline = chair.page.getByTestId("redline");
  await expect(redline.locator("del")).toHaveText(["[deleted: 72]"]);
  await expect(redline.locator("ins")).toHaveText(["[inserted: 24]"]);
  await chair.page.screenshot({ path: "e2e/screenshots/redline.png", fullPage: true });

  await Promise.all([chair, northland, meridia, aurelia].map((p) => p.context.close()));
});

test("two simultaneous edits of a paragraph: the second is refused and shown the current text", async ({ browser }) => {
  const author = await personInNewContext(browser, "Author");
  const forum = await apiCreateForum(author.context.request, "Editing forum");
  const measure = await (
    await author.context.request.post(`/api/forums/${forum.id}/measures`, { data: { title: "Hotline", kind: "cbm", text: TEXT } })
  ).json();
  const url = `/forums/${forum.id}/measures/${measure.id}`;
  const tabA = author.page;
  const tabB = await author.context.newPage();
  await tabA.goto(url);
  await tabB.goto(url);
  for (const tab of [tabA, tabB]) await tab.getByRole("button", { name: "Edit ¶1" }).click();

  await tabA.getByRole("textbox", { name: "Edit ¶1" }).fill("States designate a policy and a technical point of contact.");
  await tabA.getByRole("button", { name: "Save edit" }).click();
  await expect(tabA.getByRole("region", { name: "Paragraph 1" })).toContainText("a policy and a technical point", LIVE);

  await tabB.getByRole("textbox", { name: "Edit ¶1" }).fill("States designate one point of contact.");
  await tabB.getByRole("button", { name: "Save edit" }).click();
  await expect(tabB.locator("p[role=alert]")).toHaveText(
    "Someone changed this paragraph while you were working on it. Its current text is shown: make your change on it.",
  );
  await expect(tabB.getByRole("textbox", { name: "Edit ¶1" })).toHaveValue("States designate a policy and a technical point of contact.");
  await tabB.screenshot({ path: "e2e/screenshots/edit-conflict.png", fullPage: true });
  await author.context.close();
});
