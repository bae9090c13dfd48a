// The whole loop with two people side by side: a chair and a delegate, each in their own browser
// context, seeing each other's changes live, and an outsider kept out.
import { expect, test, type BrowserContext } from "@playwright/test";
import { io } from "socket.io-client";
import {
  createForum,
  formError,
  expectNotReloaded,
  markNoReload,
  personInNewContext,
  waitLive,
} from "../support/people";

// Live updates must land within a second of the write.
const LIVE = { timeout: 1_000 };

async function cookieHeader(context: BrowserContext) {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Asks the live server, as the context's user, to join a forum's room; returns its answer. */
async function tryJoinRoom(context: BrowserContext, baseURL: string, forumId: string) {
  const socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie: await cookieHeader(context) } });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    return await socket.timeout(5_000).emitWithAck("forum:join", { forumId });
  } finally {
    socket.close();
  }
}

test("chair and delegate deliberate live; an outsider is kept out", async ({ browser, baseURL }) => {
  const chair = await personInNewContext(browser, "Elena Brandt");
  const forum = await createForum(chair.page, "OEWG 2026 — CBMs, fourth substantive session");
  const forumId = forum.url.split("/forums/")[1]!;
  await expect(chair.page.getByLabel("Join link")).toHaveValue(`${baseURL}/join/${forum.code}`);
  await waitLive(chair.page);
  await markNoReload(chair.page);

  // A delegate joins with the link, choosing group, delegation and camp.
  const delegate = await personInNewContext(browser, "Kadri Tamm");
  await delegate.page.goto(`/join/${forum.code}`);
  await delegate.page.getByLabel("Delegation name").fill("Estonia");
  await delegate.page.getByLabel("Stakeholder group").selectOption("state");
  await delegate.page.getByRole("radio", { name: "Internet Freedom" }).check();
  await delegate.page.getByRole("button", { name: "Join as delegate" }).click();
  await expect(delegate.page.getByRole("heading", { level: 1, name: /fourth substantive session/ })).toBeVisible();
  await expect(delegate.page.getByText("You take part as delegate")).toBeVisible();
  await waitLive(delegate.page);
  await markNoReload(delegate.page);

  // The chair sees the new member arrive.
  await expect(chair.page.getByRole("region", { name: "Internet Freedom" }).getByText("Estonia")).toBeVisible(LIVE);

  // Bad input is explained, and nothing is proposed.
  await delegate.page.getByRole("button", { name: "Propose a measure" }).click();
  await delegate.page.getByLabel("Title").fill("   ");
  await delegate.page.getByLabel("Text").fill("Some text");
  await delegate.page.getByRole("button", { name: "Propose", exact: true }).click();
  await expect(formError(delegate.page)).toHaveText("Title is required.");

  // The delegate proposes a measure; it appears on the chair's page without reload.
  const title = "Directory of national points of contact";
  await delegate.page.getByLabel("Title").fill(title);
  await delegate.page.getByRole("radio", { name: "Confidence-building measure" }).check();
  await delegate.page.getByLabel("Text").fill("Each state designates a **policy** and a **technical** point of contact.");
  await delegate.page.getByRole("button", { name: "Propose", exact: true }).click();
  await expect(chair.page.getByRole("link", { name: title })).toBeVisible(LIVE);
  await expectNotReloaded(chair.page);
  const card = chair.page.locator("li", { has: chair.page.getByRole("link", { name: title }) });
  await expect(card.getByTestId("total-tally")).toContainText("0 positions");

  // Both open the measure; the chair keeps a second tab on the forum page.
  const chairForumTab = chair.page;
  const chairMeasure = await chair.context.newPage();
  await delegate.page.getByRole("link", { name: title }).click();
  await expect(delegate.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await chairMeasure.goto(delegate.page.url().replace(baseURL!, ""));
  await expect(chairMeasure.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await chairMeasure.screenshot({ path: "e2e/screenshots/measure-empty.png", fullPage: true });
  await Promise.all([waitLive(chairMeasure), waitLive(delegate.page)]);
  await markNoReload(chairMeasure);
  await markNoReload(delegate.page);

  // The delegate supports it, with a rationale; every open page updates.
  await delegate.page.getByRole("form", { name: "Your position" }).getByText("Support", { exact: true }).click();
  await delegate.page.getByLabel("Rationale").fill("A directory is the first thing a crisis needs.");
  await delegate.page.getByRole("button", { name: "Record position" }).click();
  await expect(chairMeasure.getByTestId("tally-summary")).toHaveText("1 position: 1 support, 0 oppose, 0 abstain", LIVE);
  await expect(
    chairMeasure.getByRole("region", { name: "Tally" }).getByRole("img", { name: "Internet Freedom: 1 support, 0 oppose, 0 abstain" }),
  ).toBeVisible(LIVE);
  await expect(chairMeasure.getByText("“A directory is the first thing a crisis needs.”")).toBeVisible(LIVE);
  await expect(card.getByTestId("total-tally")).toContainText("1 position", LIVE);
  await expect(card.getByRole("img", { name: "Internet Freedom: 1 support, 0 oppose, 0 abstain" })).toBeVisible(LIVE);

  // The chair takes a position too (non-aligned), then the delegate changes theirs.
  await chairMeasure.getByRole("form", { name: "Your position" }).getByText("Abstain", { exact: true }).click();
  await chairMeasure.getByRole("button", { name: "Record position" }).click();
  await expect(delegate.page.getByTestId("tally-summary")).toHaveText("2 positions: 1 support, 0 oppose, 1 abstain", LIVE);
  await expect(delegate.page.getByRole("region", { name: "Tally" }).getByRole("img", { name: "Non-aligned: 0 support, 0 oppose, 1 abstain" })).toBeVisible(LIVE);

  await delegate.page.getByRole("form", { name: "Your position" }).getByText("Oppose", { exact: true }).click();
  await delegate.page.getByRole("button", { name: "Update position" }).click();
  await expect(chairMeasure.getByTestId("tally-summary")).toHaveText("2 positions: 0 support, 1 oppose, 1 abstain", LIVE);
  await expect(chairMeasure.getByRole("region", { name: "Tally" }).getByRole("img", { name: "Internet Freedom: 0 support, 1 oppose, 0 abstain" })).toBeVisible(LIVE);
  await expect(card.getByRole("img", { name: "Internet Freedom: 0 support, 1 oppose, 0 abstain" })).toBeVisible(LIVE);

  // Comments appear for everyone viewing the measure, with the author's camp.
  await delegate.page.getByLabel("Add a comment").fill("We could accept *72 hours* for the first answer.");
  await delegate.page.getByRole("button", { name: "Post comment" }).click();
  const comments = chairMeasure.getByRole("list", { name: "Comments" });
  await expect(comments.getByRole("listitem").filter({ hasText: "Estonia" })).toContainText("Internet Freedom", LIVE);
  await expect(comments.locator("em", { hasText: "72 hours" })).toBeVisible(LIVE);
  await chairMeasure.getByLabel("Add a comment").fill("Noted. The chair will circulate a revised text.");
  await chairMeasure.getByRole("button", { name: "Post comment" }).click();
  await expect(
    delegate.page.getByRole("list", { name: "Comments" }).getByRole("listitem").filter({ hasText: "The chair will circulate" }),
  ).toContainText("Non-aligned", LIVE);
  await expect(chairForumTab.locator("li", { hasText: title }).getByText("2 comments")).toBeVisible(LIVE);

  for (const page of [chairForumTab, chairMeasure, delegate.page]) await expectNotReloaded(page);
  await chairMeasure.screenshot({ path: "e2e/screenshots/measure.png", fullPage: true });
  await chairForumTab.screenshot({ path: "e2e/screenshots/forum.png", fullPage: true });

  // An outsider can neither read the forum nor join its live room.
  const outsider = await personInNewContext(browser, "Outsider");
  const response = await outsider.page.goto(`/forums/${forumId}`);
  expect(response?.status()).toBe(404);
  await expect(outsider.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(await tryJoinRoom(outsider.context, baseURL!, forumId)).toEqual({ ok: false, error: "Forum was not found." });
  expect(await tryJoinRoom(delegate.context, baseURL!, forumId)).toMatchObject({ ok: true });

  await Promise.all([chair.context.close(), delegate.context.close(), outsider.context.close()]);
});

test("a wrong join code is explained", async ({ browser }) => {
  const person = await personInNewContext(browser, "Lost Delegate");
  await person.page.goto("/join/WRONG999");
  await expect(person.page.getByRole("heading", { name: "No forum has this join code" })).toBeVisible();
  await person.context.close();
});
