// Data survives a restart of the embedded server, and a second process on the same data
// directory is refused instead of corrupting it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createForum, newPerson, register, signIn } from "../support/people";
import { exited, startServer } from "../support/server";

test("a restart keeps every account, forum and measure; a second process is refused", async ({ browser }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-restart-"));
  const port = 3160;
  const env = { DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${port}` };
  const person = newPerson("Restart Tester");
  const title = "Forum that must survive a restart";

  let server = await startServer(env, port);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await register(page, person);
  await createForum(page, title);
  await page.getByRole("button", { name: "Propose a measure" }).click();
  await page.getByLabel("Title").fill("Hotline between capitals");
  await page.getByLabel("Text").fill("A *secure* line between capitals.");
  await page.getByRole("button", { name: "Propose", exact: true }).click();
  await expect(page.getByRole("link", { name: "Hotline between capitals" })).toBeVisible();

  // While it runs, a second process on the same data directory refuses to start.
  const second = await startServer(env, port + 1).then(
    () => "started",
    (e: Error) => e.message,
  );
  expect(second).toContain("Another Concord process");

  server.child.kill("SIGTERM");
  expect(await exited(server.child)).toBe(0);
  expect(fs.existsSync(path.join(dataDir, "concord.lock"))).toBe(false);

  server = await startServer(env, port);
  try {
    await page.goto("/");
    // The session cookie still works: the generated auth secret was kept in DATA_DIR.
    await expect(page.getByText(`Signed in as ${person.name}`)).toBeVisible();
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("link", { name: "Hotline between capitals" })).toBeVisible();
    // And the password still signs in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Concord" })).toBeVisible();
    await signIn(page, person.email);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  } finally {
    server.child.kill("SIGTERM");
    await exited(server.child);
    await context.close();
  }
});
