// Moderation with several people, each in their own browser: a member reports a comment from the
// measure page, the chair sees it arrive in the queue and hides it with a reason, and a third
// member's open measure page replaces the comment by "Hidden by the chair: <reason>", live.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiCreateForum, apiJoin, apiPropose, signUpByApi } from "../support/api";
import { expectNotReloaded, markNoReload, personInNewContext, waitLive } from "../support/people";

// Live updates must land within a second of the write.
const LIVE = { timeout: 1_000 };

async function apiComment(request: APIRequestContext, measureId: string, body: string) {
  const res = await request.post(`/api/measures/${measureId}/comments`, { data: { body, clientId: randomUUID() } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

async function apiReport(request: APIRequestContext, commentId: string, reason: string) {
  const res = await request.post(`/api/comments/${commentId}/reports`, { data: { reason } });
  expect(res.status(), await res.text()).toBe(201);
}

const ATTACK = "The delegate of Meridia is **not to be trusted** on anything";

test("a member reports a comment, the chair hides it from the queue, and every open page shows why", async ({ browser }) => {
  // Four people, each in their own browser, and seven pages between them.
  test.setTimeout(120_000);
  const chair = await personInNewContext(browser, "Elena Brandt");
  const forum = await apiCreateForum(chair.context.request, "OEWG 2026 — moderated session");
  const measure = await apiPropose(chair.context.request, forum.id, "Directory of points of contact");
  const measureUrl = `/forums/${forum.id}/measures/${measure.id}`;

  const author = await personInNewContext(browser, "Nils Nordin");
  await apiJoin(author.context.request, forum.joinCode, "Northland", "internet_freedom");
  const reporter = await personInNewContext(browser, "Dmitri Volkov");
  await apiJoin(reporter.context.request, forum.joinCode, "Meridia", "cyber_sovereignty");
  const observer = await personInNewContext(browser, "Amara Osei");
  await apiJoin(observer.context.request, forum.joinCode, "Aurelia", "non_aligned");

  await apiComment(author.context.request, measure.id, ATTACK);
  await apiComment(reporter.context.request, measure.id, "We can support a directory if contacts are *voluntary*.");
  // An earlier report, already let stand: the queue's settled list.
  const robust = await apiComment(author.context.request, measure.id, "Meridia's amendment would empty the measure of meaning.");
  await apiReport(observer.context.request, robust.id, "Aggressive tone.");
  expect((await chair.context.request.post(`/api/comments/${robust.id}/dismiss`, { data: { reason: "Robust, but on the substance." } })).status()).toBe(200);

  // The chair keeps the forum page and the queue open; nothing is waiting yet.
  await chair.page.goto(`/forums/${forum.id}`);
  await waitLive(chair.page);
  await expect(chair.page.getByRole("link", { name: "Moderation" })).toBeVisible();
  await expect(chair.page.getByTestId("open-reports")).toHaveCount(0);
  const queue = await chair.context.newPage();
  await queue.goto(`/forums/${forum.id}/moderation`);
  await expect(queue.getByText("No reports are waiting.")).toBeVisible();
  await waitLive(queue);
  await markNoReload(queue);
  await markNoReload(chair.page);

  // The third member follows the measure page.
  await observer.page.goto(measureUrl);
  await waitLive(observer.page);
  await expect(observer.page.getByText("not to be trusted")).toBeVisible();
  await markNoReload(observer.page);

  // The member reports the comment from the measure page; an empty reason is explained first.
  await reporter.page.goto(measureUrl);
  await waitLive(reporter.page);
  const comment = reporter.page.getByRole("listitem").filter({ hasText: "not to be trusted" });
  await comment.getByRole("button", { name: "Report to the chair" }).click();
  const reason = comment.getByLabel("Why should the chair look at this comment?");
  await reason.fill("   ");
  await comment.getByRole("button", { name: "Send report" }).click();
  await expect(comment.getByRole("alert")).toHaveText("Reason is required.");
  await reason.fill("A personal attack on our delegation, not an argument.");
  await comment.getByRole("button", { name: "Send report" }).click();
  await expect(comment.getByText("You reported this comment to the chair")).toBeVisible(LIVE);
  await expect(comment.getByRole("button", { name: "Report to the chair" })).toHaveCount(0);

  // The chair's forum page counts it, and the queue shows it, without reload.
  await expect(chair.page.getByTestId("open-reports")).toHaveText(/^1/, LIVE);
  const item = queue.getByTestId("queue-item");
  await expect(item).toHaveCount(1, LIVE);
  await expect(item).toContainText("not to be trusted");
  await expect(item).toContainText("A personal attack on our delegation, not an argument.");
  await expect(item).toContainText("Meridia");
  await expect(queue.getByTestId("settled-item")).toContainText("Let stand: “Robust, but on the substance.”");
  await queue.screenshot({ path: "e2e/screenshots/moderation-queue.png", fullPage: true });

  // On the measure page the chair sees the count and the same two answers.
  const chairMeasure = await chair.context.newPage();
  await chairMeasure.goto(measureUrl);
  await waitLive(chairMeasure);
  const chairComments = chairMeasure.getByRole("region", { name: /^Comments/ });
  await expect(chairComments.getByRole("link", { name: "1 open report" })).toBeVisible();
  await chairComments.screenshot({ path: "e2e/screenshots/moderation-chair-comments.png" });

  // The chair hides it from the queue with a reason.
  await item.getByRole("button", { name: "Hide…" }).click();
  await item.getByLabel("Reason for hiding, shown to everyone in its place").fill("Personal attacks on delegations are out of order.");
  await item.screenshot({ path: "e2e/screenshots/moderation-hide-form.png" });
  await item.getByRole("button", { name: "Hide comment" }).click();
  await expect(queue.getByText("No reports are waiting.")).toBeVisible(LIVE);
  await expect(queue.getByTestId("settled-item").first()).toContainText("Hidden: “Personal attacks on delegations are out of order.”");
  await expect(chair.page.getByTestId("open-reports")).toHaveCount(0, LIVE);
  await expect(chairComments.getByTestId("hidden-comment")).toContainText("Its words, seen only by the chair and its author", LIVE);

  // The third page shows why, not what, without reload; so does the reporter's.
  const hiddenText = "Hidden by the chair: Personal attacks on delegations are out of order.";
  for (const page of [observer.page, reporter.page]) {
    await expect(page.getByText(hiddenText)).toBeVisible(LIVE);
    await expect(page.getByText("not to be trusted")).toHaveCount(0);
  }
  await expect(observer.page.getByRole("list", { name: "History" })).toContainText(
    "Chair hid a comment by Northland: “Personal attacks on delegations are out of order.”",
  );
  await expectNotReloaded(observer.page);
  await expectNotReloaded(queue);
  await expectNotReloaded(chair.page);
  await observer.page.getByRole("region", { name: /^Comments/ }).screenshot({ path: "e2e/screenshots/moderation-hidden.png" });

  // After a reload the words are not in the page at all; the author still reads them.
  await observer.page.reload();
  await expect(observer.page.getByText(hiddenText)).toBeVisible();
  expect(await observer.page.content()).not.toContain("not to be trusted");
  await author.page.goto(measureUrl);
  const own = author.page.getByTestId("hidden-comment");
  await expect(own).toContainText(hiddenText);
  await expect(own).toContainText("Your words, seen only by you and the chair");
  await expect(own).toContainText("not to be trusted");
  await author.page.getByRole("region", { name: /^Comments/ }).screenshot({ path: "e2e/screenshots/moderation-hidden-author.png" });

  // The audit log tells every step, with its reason.
  await observer.page.goto(`/forums/${forum.id}/audit`);
  await expect(observer.page.getByRole("table")).toContainText(
    "Meridia reported a comment by Northland on “Directory of points of contact” to the chair: “A personal attack on our delegation, not an argument.”",
  );
  for (const p of [chair, author, reporter, observer]) await p.context.close();
});

test("the moderation endpoints answer each caller as docs/api.md says", async ({ playwright, baseURL }) => {
  const as = async (name: string) => {
    const request = await playwright.request.newContext({ baseURL });
    await signUpByApi(request, name);
    return request;
  };
  const chair = await as("Chair Person");
  const author = await as("Author Person");
  const member = await as("Member Person");
  const outsider = await as("Outsider Person");
  const forum = await apiCreateForum(chair, "Moderation endpoints");
  await apiJoin(author, forum.joinCode, "Northland", "internet_freedom");
  await apiJoin(member, forum.joinCode, "Meridia", "cyber_sovereignty");
  const measure = await apiPropose(chair, forum.id, "Hotline");
  const comment = await apiComment(author, measure.id, "Words to report.");
  const post = (who: APIRequestContext, path: string, data: unknown) => who.post(`/api/comments/${comment.id}/${path}`, { data });
  const status = async (res: Promise<{ status(): number }>) => (await res).status();

  expect(await status(post(outsider, "reports", { reason: "x" }))).toBe(404);
  expect(await status(post(author, "reports", { reason: "x" }))).toBe(403);
  expect(await status(post(member, "reports", { reason: "" }))).toBe(422);
  expect(await status(post(member, "reports", { reason: "a\u0000b" }))).toBe(422);
  expect(await status(post(member, "reports", { reason: "x".repeat(1_001) }))).toBe(422);
  expect(await status(post(member, "reports", { reason: "Off topic." }))).toBe(201);
  const again = await post(member, "reports", { reason: "Off topic." });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toBe("You have already reported this comment: your report is with the chair. A member reports a comment once.");

  expect(await status(member.get(`/api/forums/${forum.id}/moderation`))).toBe(403);
  expect(await status(outsider.get(`/api/forums/${forum.id}/moderation`))).toBe(404);
  const queue = await chair.get(`/api/forums/${forum.id}/moderation`);
  expect(queue.status()).toBe(200);
  expect((await queue.json()).open).toHaveLength(1);

  for (const path of ["hide", "dismiss"]) {
    expect(await status(post(outsider, path, { reason: "x" }))).toBe(404);
    expect(await status(post(member, path, { reason: "x" }))).toBe(403);
    expect(await status(post(author, path, { reason: "x" }))).toBe(403);
  }
  expect(await status(post(chair, "hide", { reason: "  " }))).toBe(422);
  expect(await status(post(chair, "hide", { reason: "Off topic." }))).toBe(200);
  expect(await status(post(chair, "hide", { reason: "Again." }))).toBe(409);
  expect(await status(post(chair, "dismiss", {}))).toBe(409);

  // What the API answers each of them about the measure: the words only to the chair and the author.
  for (const [who, reads] of [[chair, true], [author, true], [member, false]] as const) {
    const body = await (await who.get(`/api/measures/${measure.id}`)).text();
    expect(body.includes("Words to report."), `words in the answer for ${reads ? "a reader" : "a member"}`).toBe(reads);
    expect(body).toContain("Off topic.");
  }
  for (const r of [chair, author, member, outsider]) await r.dispose();
});
