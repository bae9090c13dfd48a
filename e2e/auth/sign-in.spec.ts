import { expect, test } from "@playwright/test";
import { formError, newPerson, PASSWORD, register, signIn, signOut } from "../support/people";

test("a person registers, signs out and signs in again", async ({ page }) => {
  const person = newPerson("Kadri Tamm");
  await register(page, person);
  await expect(page.getByText(`Signed in as ${person.name}`)).toBeVisible();

  await signOut(page);

  await signIn(page, person.email);
  await expect(page.getByRole("heading", { name: "Your forums" })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const person = newPerson("Marta Silva");
  await register(page, person);
  await signOut(page);

  await signIn(page, person.email, "not-the-password");
  await expect(formError(page)).toHaveText("The email or password is not correct.");

  await signIn(page, `nobody.${person.email}`, PASSWORD);
  await expect(formError(page)).toHaveText("The email or password is not correct.");
});

test("registering an email twice is refused with a clear message", async ({ page, browser }) => {
  const person = newPerson("Jonas Berg");
  await register(page, person);

  const other = await browser.newPage();
  await other.goto("/register");
  await other.getByLabel("Name").fill("Someone else");
  await other.getByLabel("Email").fill(person.email.toUpperCase());
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(formError(other)).toHaveText("An account with this email already exists. Sign in instead.");
  await other.close();
});

test("a demo account signs in and finds the demo forum", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Concord" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/sign-in.png", fullPage: true });

  await signIn(page, "chair@demo.concord", "concord-demo");
  await page.getByRole("link", { name: "OEWG — Confidence-building measures (demo)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "OEWG — Confidence-building measures (demo)" })).toBeVisible();
  await expect(page.locator("[data-measure-id]")).toHaveCount(8);
  await page.screenshot({ path: "e2e/screenshots/demo-forum.png", fullPage: true });
});
