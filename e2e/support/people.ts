// Helpers that act as a person would: through the pages, with role and label locators.
import { expect, type Browser, type Page } from "@playwright/test";
import { PASSWORD, signUpByApi } from "./api";

export { newPerson, PASSWORD } from "./api";

export async function register(page: Page, person: { name: string; email: string }) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your forums" })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A browser context (its own cookies: a second person) with a page, registered and signed in
 * through the API: a spec that is not about registering spends no browser time on it.
 */
export async function personInNewContext(browser: Browser, name: string) {
  const context = await browser.newContext();
  const person = await signUpByApi(context.request, name);
  const page = await context.newPage();
  return { context, page, person };
}

export async function createForum(page: Page, title: string) {
  await page.goto("/");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Fourth substantive session: confidence-building measures.");
  await page.getByRole("button", { name: "Create forum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  return { code, url: page.url() };
}

/** Marks the page so a test can prove later that it was never reloaded. */
export async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

export async function waitLive(page: Page) {
  await expect(page.locator("[data-connection=live]").first()).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Concord" })).toBeVisible();
}

/** The message a form shows when the server refuses it (not Next's route announcer). */
export const formError = (page: Page) => page.locator("p[role=alert]");
