// A forum with more measures than one page holds: paging through its agenda, a ranked view that
// ranks every measure before paging, forgiving page numbers, and page 1 kept live.
import { expect, test, type Page } from "@playwright/test";
import { apiCreateForum, apiJoin, apiPropose, apiStance } from "../support/api";
import { expectNotReloaded, markNoReload, personInNewContext, waitLive } from "../support/people";

const LIVE = { timeout: 1_000 };
const COUNT = 30;
const title = (i: number) => `Measure ${String(i).padStart(2, "0")}`;

const cards = (page: Page) => page.getByRole("list", { name: "Measures" }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
const pager = (page: Page) => page.getByRole("navigation", { name: "Pages of measures" });
const card = (page: Page, name: string) => cards(page).filter({ has: page.getByRole("link", { name, exact: true }) });

test("a long agenda is paged; rankings cover every measure; page 1 stays live", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Paging Chair");
  const forum = await apiCreateForum(chair.context.request, "Paging forum");
  const delegate = await personInNewContext(browser, "Paging Delegate");
  await apiJoin(delegate.context.request, forum.joinCode, "Northland", "internet_freedom");
  const ids: string[] = [];
  for (let i = 1; i <= COUNT; i++) ids.push((await apiPropose(chair.context.request, forum.id, title(i))).id);
  // The oldest measure, on the last page of the agenda, is the only one anyone supports.
  await apiStance(delegate.context.request, ids[0]!, "support");
  await apiStance(chair.context.request, ids[0]!, "support");

  const { page } = chair;
  await page.goto(`/forums/${forum.id}`);
  await expect(page.getByText(`${COUNT} measures on the agenda`)).toBeVisible();
  await expect(cards(page)).toHaveCount(25);
  await expect(cards(page).first()).toContainText(title(COUNT));
  await expect(pager(page).getByTestId("page-range")).toHaveText(`Showing 1–25 of ${COUNT}`);
  await expect(pager(page).getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
  await expect(pager(page).getByText("Previous")).toHaveAttribute("aria-disabled", "true");
  await page.screenshot({ path: "e2e/screenshots/forum-paged.png", fullPage: true });

  // Page 2 holds the five oldest.
  await pager(page).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${forum.id}\\?page=2$`));
  await expect(pager(page).getByTestId("page-range")).toHaveText(`Showing 26–${COUNT} of ${COUNT}`);
  await expect(cards(page)).toHaveCount(5);
  await expect(cards(page).last()).toContainText(title(1));
  await expect(pager(page).getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  await expect(pager(page).getByRole("link", { name: "Page 1" })).not.toHaveAttribute("aria-current");

  // Common ground ranks all thirty: the oldest measure leads page 1 of that view.
  await page.getByRole("navigation", { name: "Order of measures" }).getByRole("link", { name: "Common ground" }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${forum.id}\\?view=common-ground$`));
  await expect(page.getByRole("link", { name: "Common ground" })).toHaveAttribute("aria-current", "page");
  await expect(cards(page).first()).toContainText(title(1));
  await pager(page).getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?view=common-ground&page=2$`));
  await expect(cards(page)).toHaveCount(5);
  await expect(cards(page).filter({ hasText: title(1) })).toHaveCount(0);

  // Page numbers that mean nothing show a page, never an error.
  for (const [query, range] of [
    ["?page=abc", `Showing 1–25 of ${COUNT}`],
    ["?page=-1&view=nonsense", `Showing 1–25 of ${COUNT}`],
    ["?page=999", `Showing 26–${COUNT} of ${COUNT}`],
  ] as const) {
    const response = await page.goto(`/forums/${forum.id}${query}`);
    expect(response?.status()).toBe(200);
    await expect(pager(page).getByTestId("page-range")).toHaveText(range);
  }

  // Page 1 of the agenda, live.
  await page.goto(`/forums/${forum.id}`);
  await waitLive(page);
  await markNoReload(page);
  const newest = card(page, title(COUNT));
  await apiStance(delegate.context.request, ids[COUNT - 1]!, "oppose");
  await expect(newest.getByRole("img", { name: "Internet Freedom: 0 support, 1 oppose, 0 abstain" })).toBeVisible(LIVE);
  await expect(newest.getByTestId("total-tally")).toContainText("1 position", LIVE);

  // A position on a measure of page 2 changes nothing here.
  await apiStance(delegate.context.request, ids[1]!, "abstain");
  // A new measure leads the agenda at once; the 25th moves on to page 2.
  const fresh = await apiPropose(delegate.context.request, forum.id, "Proposed while watching page 1");
  await expect(cards(page).first()).toContainText("Proposed while watching page 1", LIVE);
  await expect(cards(page)).toHaveCount(25);
  await expect(card(page, title(6))).toHaveCount(0);
  await expect(pager(page).getByTestId("page-range")).toHaveText(`Showing 1–25 of ${COUNT + 1}`);
  await expect(page.getByText(`${COUNT + 1} measures on the agenda`)).toBeVisible();
  await apiStance(delegate.context.request, fresh.id, "support");
  await expect(card(page, "Proposed while watching page 1").getByTestId("total-tally")).toContainText("1 position", LIVE);
  await expectNotReloaded(page);

  // Page 2 now starts where page 1 ends.
  await pager(page).getByRole("link", { name: "Page 2" }).click();
  await expect(cards(page).first()).toContainText(title(6));
  await expect(cards(page)).toHaveCount(6);
  await Promise.all([chair.context.close(), delegate.context.close()]);
});
