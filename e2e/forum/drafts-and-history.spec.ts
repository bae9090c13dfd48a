// Writes that publish no live event (everything on a draft, which stays private to its authors)
// still show at once on the author's own connected page; and a measure page's History grows live
// with the positions and comments of others.
import { expect, test, type Page } from "@playwright/test";
import { createForum, expectNotReloaded, markNoReload, personInNewContext, waitLive } from "../support/people";

const LIVE = { timeout: 2_000 };

async function joinAs(page: Page, code: string, delegation: string) {
  await page.goto(`/join/${code}`);
  await page.getByLabel("Delegation name").fill(delegation);
  await page.getByLabel("Stakeholder group").selectOption("state");
  await page.getByRole("radio", { name: "Cyber Sovereignty" }).check();
  await page.getByRole("button", { name: "Join as delegate" }).click();
  await expect(page.getByText("You take part as delegate")).toBeVisible();
  await waitLive(page);
}

async function propose(page: Page, title: string, draft: boolean) {
  await page.getByRole("button", { name: "Propose a measure" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text").fill("States notify each other of significant ICT incidents within 72 hours.");
  if (draft) await page.getByLabel(/Save as a draft/).check();
  await page.getByRole("button", { name: "Propose", exact: true }).click();
}

test("an author's draft, its comments and co-authors show on their own live page; the room learns of it on submission", async ({
  browser,
}) => {
  const chair = await personInNewContext(browser, "Ines Duarte");
  const forum = await createForum(chair.page, "OEWG drafting group");
  await waitLive(chair.page);
  const delegate = await personInNewContext(browser, "Li Wei");
  await joinAs(delegate.page, forum.code, "Zhonghua");
  await markNoReload(delegate.page);
  await markNoReload(chair.page);

  const title = "Incident notification within 72 hours";
  await propose(delegate.page, title, true);
  const link = delegate.page.getByRole("link", { name: title });
  await expect(link).toBeVisible(LIVE);
  await expectNotReloaded(delegate.page);

  await link.click();
  await expect(delegate.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitLive(delegate.page);
  await markNoReload(delegate.page);
  await delegate.page.getByLabel("Add a comment").fill("Check the wording with capitals before submitting.");
  await delegate.page.getByRole("button", { name: "Post comment" }).click();
  await expect(delegate.page.getByRole("list", { name: "Comments" })).toContainText("Check the wording with capitals", LIVE);
  await delegate.page.getByRole("button", { name: "Invite as co-author" }).click();
  await expect(delegate.page.getByText(/Proposed by Zhonghua with /)).toBeVisible(LIVE);
  await expectNotReloaded(delegate.page);

  // The chair has heard nothing of the draft; submitting it puts it on the chair's agenda live.
  await expect(chair.page.getByRole("link", { name: title })).toHaveCount(0);
  await delegate.page.getByRole("button", { name: "Submit for discussion" }).click();
  await expect(chair.page.getByRole("link", { name: title })).toBeVisible(LIVE);
  await expectNotReloaded(chair.page);

  await Promise.all([chair.context.close(), delegate.context.close()]);
});

test("the measure page's History grows live with others' positions and comments", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Ines Duarte");
  const forum = await createForum(chair.page, "OEWG informal consultations");
  const delegate = await personInNewContext(browser, "Li Wei");
  await joinAs(delegate.page, forum.code, "Zhonghua");

  const title = "Points of contact directory";
  await propose(delegate.page, title, false);
  await delegate.page.getByRole("link", { name: title }).click();
  await expect(delegate.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await chair.page.goto(delegate.page.url());
  await Promise.all([waitLive(chair.page), waitLive(delegate.page)]);
  await markNoReload(chair.page);
  const history = chair.page.getByRole("list", { name: "History" });
  await expect(history).toContainText("Zhonghua proposed");

  const form = delegate.page.getByRole("form", { name: "Your position" });
  await form.getByText("Support", { exact: true }).click();
  await delegate.page.getByRole("button", { name: "Record position" }).click();
  await expect(history.getByRole("listitem").first()).toContainText("Zhonghua took a position: support (Cyber Sovereignty)", LIVE);
  await form.getByText("Oppose", { exact: true }).click();
  await delegate.page.getByRole("button", { name: "Update position" }).click();
  await expect(history.getByRole("listitem").first()).toContainText("Zhonghua changed position: support → oppose (Cyber Sovereignty)", LIVE);
  await delegate.page.getByLabel("Add a comment").fill("Our capital needs time to consult.");
  await delegate.page.getByRole("button", { name: "Post comment" }).click();
  await expect(history.getByRole("listitem").first()).toContainText("Zhonghua commented", LIVE);
  await expectNotReloaded(chair.page);
  await chair.page.screenshot({ path: "e2e/screenshots/measure-history-live.png", fullPage: true });

  // After a reload the record reads the same, now from the audit log.
  await chair.page.reload();
  await expect(history.getByRole("listitem").nth(0)).toContainText("Zhonghua commented");
  await expect(history.getByRole("listitem").nth(1)).toContainText("Zhonghua changed position: support → oppose");
  await expect(history.getByRole("listitem").nth(2)).toContainText("Zhonghua took a position: support");

  await Promise.all([chair.context.close(), delegate.context.close()]);
});
