// The live room in real browsers: presence, the speakers' list with its countdown, catching up
// after going offline, and a signed-out tab that stops following the room.
import { expect, test } from "@playwright/test";
import { apiCreateForum, apiJoin, apiPropose, apiStance } from "../support/api";
import { expectNotReloaded, markNoReload, personInNewContext, waitLive } from "../support/people";

const LIVE = { timeout: 1_000 };

test("presence counts each person once, by camp, across tabs", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Presence Chair");
  const forum = await apiCreateForum(chair.context.request, "Presence forum");
  const northland = await personInNewContext(browser, "Northland Person");
  await apiJoin(northland.context.request, forum.joinCode, "Northland", "internet_freedom");
  const meridia = await personInNewContext(browser, "Meridia Person");
  await apiJoin(meridia.context.request, forum.joinCode, "Meridia", "cyber_sovereignty");

  await chair.page.goto(`/forums/${forum.id}`);
  await waitLive(chair.page);
  const total = chair.page.getByTestId("presence-total");
  await expect(total).toHaveText("1");

  await northland.page.goto(`/forums/${forum.id}`);
  const secondTab = await northland.context.newPage();
  await secondTab.goto(`/forums/${forum.id}`);
  await meridia.page.goto(`/forums/${forum.id}`);
  await Promise.all([waitLive(northland.page), waitLive(secondTab), waitLive(meridia.page)]);
  await expect(total).toHaveText("3");
  const byCamp = chair.page.getByRole("list", { name: "Present by camp" });
  await expect(byCamp.getByLabel("Internet Freedom: 1 present")).toBeVisible();
  await expect(byCamp.getByLabel("Cyber Sovereignty: 1 present")).toBeVisible();
  await expect(chair.page.getByTestId("present-delegations")).toHaveText(/Chair, Northland, Meridia|Chair, Meridia, Northland/);

  // One of Northland's two tabs closes: still there. Meridia leaves: gone within a second.
  await secondTab.close();
  await meridia.page.goto("/");
  await expect(total).toHaveText("2", LIVE);
  await expect(byCamp.getByLabel("Cyber Sovereignty: 0 present")).toBeVisible();
  await expect(byCamp.getByLabel("Internet Freedom: 1 present")).toBeVisible();
  await Promise.all([chair.context.close(), northland.context.close(), meridia.context.close()]);
});

test("a delegation asks for the floor on a measure; the chair gives it with a countdown everyone sees", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Floor Chair");
  const forum = await apiCreateForum(chair.context.request, "Speakers forum");
  const delegate = await personInNewContext(browser, "Floor Delegate");
  await apiJoin(delegate.context.request, forum.joinCode, "Aurelia", "non_aligned");
  const other = await personInNewContext(browser, "Second Delegate");
  await apiJoin(other.context.request, forum.joinCode, "Varos", "cyber_sovereignty");
  const measure = await apiPropose(chair.context.request, forum.id, "Notification of major incidents");

  await chair.page.goto(`/forums/${forum.id}`);
  await delegate.page.goto(`/forums/${forum.id}/measures/${measure.id}`);
  await Promise.all([waitLive(chair.page), waitLive(delegate.page)]);
  await markNoReload(chair.page);
  const list = chair.page.getByTestId("speakers-list");
  await expect(list.getByTestId("current-speaker")).toHaveText("Nobody has the floor.");

  // The delegate asks on the measure page; the chair's queue shows it at once.
  await delegate.page.getByRole("button", { name: "Request the floor on this measure" }).click();
  await expect(delegate.page.getByTestId("floor-request").getByTestId("my-place")).toHaveText("You are 1st on the list, on this measure.", LIVE);
  const queue = list.getByRole("list", { name: "Waiting for the floor" });
  await expect(queue.getByRole("listitem")).toHaveCount(1, LIVE);
  await expect(queue).toContainText("Aurelia");
  await expect(queue).toContainText("On Notification of major incidents");

  // A second delegation asks in general, through the API; then withdraws.
  const second = await other.context.request.post(`/api/forums/${forum.id}/speakers`, { data: { clientId: crypto.randomUUID() } });
  expect(second.status()).toBe(201);
  await expect(queue.getByRole("listitem")).toHaveCount(2, LIVE);
  await expect(queue.getByRole("listitem").nth(1)).toContainText("General debate");
  const { requestId } = (await second.json()) as { requestId: string };
  expect((await other.context.request.delete(`/api/forums/${forum.id}/speakers/${requestId}`)).status()).toBe(200);
  await expect(queue.getByRole("listitem")).toHaveCount(1, LIVE);

  // The chair gives the floor for two minutes: everyone sees who speaks and the time left.
  await list.getByLabel("Speaking time").selectOption({ label: "2 min" });
  await list.getByRole("button", { name: "Next speaker" }).click();
  await expect(list.getByTestId("current-speaker")).toContainText("Aurelia", LIVE);
  await expect(list.getByTestId("countdown")).toHaveText(/^00:0[12]:\d\d$/);
  await expect(delegate.page.getByTestId("floor-now")).toContainText("You have the floor on this measure", LIVE);
  await expect(delegate.page.getByRole("button", { name: "Finish speaking" })).toBeVisible();
  await expect(delegate.page.getByTestId("floor-request").getByTestId("countdown")).toHaveText(/^00:0[12]:\d\d$/);
  await chair.page.screenshot({ path: "e2e/screenshots/speakers-list.png", fullPage: true });
  await delegate.page.screenshot({ path: "e2e/screenshots/floor-request.png", fullPage: true });

  await list.getByRole("button", { name: "End turn" }).click();
  await expect(delegate.page.getByTestId("floor-now")).toHaveText("Nobody has the floor.", LIVE);
  await expect(delegate.page.getByRole("button", { name: "Request the floor on this measure" })).toBeVisible();
  await expectNotReloaded(chair.page);
  await Promise.all([chair.context.close(), delegate.context.close(), other.context.close()]);
});

test("a page that was offline catches up on everything it missed when it comes back", async ({ browser, baseURL }) => {
  const chair = await personInNewContext(browser, "Offline Chair");
  const forum = await apiCreateForum(chair.context.request, "Offline forum");
  const delegate = await personInNewContext(browser, "Offline Delegate");
  await apiJoin(delegate.context.request, forum.joinCode, "Northland", "internet_freedom");
  const measure = await apiPropose(chair.context.request, forum.id, "Exchange of national views");

  // The browser's engine.io client drops its connection when the browser goes offline, except
  // on localhost: the page is opened as 127.0.0.1, as a remote server would be.
  const remote = baseURL!.replace("localhost", "127.0.0.1");
  const cookies = await delegate.context.cookies();
  await delegate.context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: "127.0.0.1", path: c.path })));
  await delegate.page.goto(`${remote}/forums/${forum.id}/measures/${measure.id}`);
  await waitLive(delegate.page);
  await markNoReload(delegate.page);
  await delegate.context.setOffline(true);
  await expect(delegate.page.locator("[data-connection=reconnecting]").first()).toBeVisible({ timeout: 5_000 });

  // While it is away: a position, a comment and a new measure.
  await apiStance(chair.context.request, measure.id, "support", "Views help");
  const comment = await chair.context.request.post(`/api/measures/${measure.id}/comments`, {
    data: { body: "Posted while you were away.", clientId: crypto.randomUUID() },
  });
  expect(comment.status()).toBe(201);
  await apiPropose(chair.context.request, forum.id, "Proposed while you were away");
  await delegate.page.screenshot({ path: "e2e/screenshots/reconnecting.png" });

  await delegate.context.setOffline(false);
  await expect(delegate.page.locator("[data-connection=live]").first()).toBeVisible({ timeout: 10_000 });
  await expect(delegate.page.getByTestId("tally-summary")).toHaveText("1 position: 1 support, 0 oppose, 0 abstain");
  await expect(delegate.page.getByRole("list", { name: "Comments" })).toContainText("Posted while you were away.");
  // Caught up by re-reading in place, not by reloading the page.
  await expectNotReloaded(delegate.page);
  await delegate.page.getByRole("link", { name: "Offline forum" }).click();
  await expect(delegate.page.getByRole("link", { name: "Proposed while you were away" })).toBeVisible();
  await Promise.all([chair.context.close(), delegate.context.close()]);
});

test("signing out in one tab stops the live room in the others", async ({ browser }) => {
  const chair = await personInNewContext(browser, "Sign-out Chair");
  const forum = await apiCreateForum(chair.context.request, "Sign-out forum");
  const delegate = await personInNewContext(browser, "Leaving Delegate");
  await apiJoin(delegate.context.request, forum.joinCode, "Meridia", "cyber_sovereignty");
  const otherTab = await delegate.context.newPage();
  await otherTab.goto(`/forums/${forum.id}`);
  await delegate.page.goto(`/forums/${forum.id}`);
  await Promise.all([waitLive(otherTab), waitLive(delegate.page)]);

  await delegate.page.getByRole("button", { name: "Sign out" }).click();
  await expect(delegate.page.getByRole("heading", { name: "Sign in to Concord" })).toBeVisible();
  await expect(otherTab.locator("[data-connection=signed-out]").first()).toBeVisible({ timeout: 5_000 });
  await expect(otherTab.getByText("Signed out")).toBeVisible();

  // Nothing more reaches it: by the time a page still in the room shows the next proposal, the
  // signed-out tab would have shown it too.
  await chair.page.goto(`/forums/${forum.id}`);
  await waitLive(chair.page);
  await apiPropose(chair.context.request, forum.id, "Proposed after the sign-out");
  await expect(chair.page.getByRole("link", { name: "Proposed after the sign-out" })).toBeVisible();
  await expect(otherTab.getByRole("link", { name: "Proposed after the sign-out" })).toHaveCount(0);
  await Promise.all([chair.context.close(), delegate.context.close()]);
});
