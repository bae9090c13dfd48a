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

test("registering an email that has an account tells a stranger nothing; its owner is simply signed in", async ({ page, browser, request }) => {
  const person = newPerson("Jonas Berg");
  await register(page, person);

  // The API answers a registered email exactly as a new one.
  const fresh = newPerson("Someone New");
  const answers = [];
  for (const email of [fresh.email, person.email.toUpperCase()]) {
    const res = await request.post("/api/register", { data: { name: "Someone else", email, password: "amber violin orchard" } });
    answers.push({ status: res.status(), keys: Object.keys(await res.json()).sort() });
  }
  expect(answers[0]).toEqual({ status: 201, keys: ["email", "name"] });
  expect(answers[1]).toEqual(answers[0]);

  // A stranger's page learns only that this email and password do not sign in.
  const other = await browser.newPage();
  await other.goto("/register");
  await other.getByLabel("Name").fill("Someone else");
  await other.getByLabel("Email").fill(person.email.toUpperCase());
  await other.getByLabel("Password").fill("amber violin orchard");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(formError(other)).toHaveText(
    "You could not be signed in with this email and password. If you have registered before, sign in with the password you chose then.",
  );
  await other.close();

  // The owner, registering again with their own password, is just signed in.
  const owner = await browser.newPage();
  await owner.goto("/register");
  await owner.getByLabel("Name").fill(person.name);
  await owner.getByLabel("Email").fill(person.email);
  await owner.getByLabel("Password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Create account" }).click();
  await expect(owner.getByText(`Signed in as ${person.name}`)).toBeVisible();
  await owner.close();
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
