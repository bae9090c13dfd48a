// Sessions end on the server: a cookie kept after signing out, signing out everywhere or a
// password change opens no page, no API endpoint and no live connection. And the credentials'
// rules: "password" is refused at registration, a malformed Authorization header gets 401.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { io } from "socket.io-client";
import { PASSWORD, signInByApi, signUpByApi } from "../support/api";
import { formError, newPerson, register, signOut } from "../support/people";

/** The session cookie of a browser context, as a Cookie header. */
async function cookieOf(context: BrowserContext) {
  const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session, "a session cookie").toBeDefined();
  return `next-auth.session-token=${session!.value}`;
}

/** What the server makes of a Cookie header: a page, the API, the live room. */
async function whatOpens(browser: Browser, baseURL: string, cookie: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { cookie } });
  const api = (await context.request.get("/api/forums")).status();
  const page = await context.newPage();
  await page.goto("/account");
  const account = new URL(page.url()).pathname;
  await context.close();
  const socket = await new Promise<string>((resolve) => {
    const s = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
    s.once("connect", () => (s.close(), resolve("connected")));
    s.once("connect_error", (e) => (s.close(), resolve(`refused: ${e.message}`)));
  });
  return { api, account, socket };
}

const opens = { api: 200, account: "/account", socket: "connected" };
const refused = { api: 401, account: "/signin", socket: "refused: unauthenticated" };

/** A person signed in in two browsers at once. */
async function twoBrowsers(browser: Browser, name: string) {
  const first = await browser.newContext();
  const person = await signUpByApi(first.request, name);
  const second = await browser.newContext();
  await signInByApi(second.request, person.email);
  return { person, first, second };
}

test("a cookie kept after signing out opens no page, no API endpoint and no live room", async ({ page, browser, baseURL }) => {
  const person = newPerson("Lea Kovac");
  await register(page, person);
  const cookie = await cookieOf(page.context());
  expect(await whatOpens(browser, baseURL!, cookie)).toEqual(opens);

  await signOut(page);
  expect(await whatOpens(browser, baseURL!, cookie)).toEqual(refused);
  // next-auth's own session endpoint agrees.
  const context = await browser.newContext({ extraHTTPHeaders: { cookie } });
  expect(await (await context.request.get("/api/auth/session")).json()).toEqual({});
  await context.close();
});

test("signing out everywhere ends the sessions of every browser, live connections included", async ({ browser, baseURL }) => {
  const { first, second } = await twoBrowsers(browser, "Omar Haddad");
  const [firstCookie, secondCookie] = [await cookieOf(first), await cookieOf(second)];
  const live = io(baseURL!, { transports: ["websocket"], extraHeaders: { cookie: secondCookie }, reconnection: false });
  await new Promise<void>((resolve) => live.once("connect", () => resolve()));
  const dropped = new Promise<string>((resolve) => live.once("disconnect", resolve));

  const page = await first.newPage();
  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Your sessions" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("This browser")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/account.png", fullPage: true });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Concord" })).toBeVisible();

  expect(await dropped).toBe("io server disconnect");
  expect(await whatOpens(browser, baseURL!, firstCookie)).toEqual(refused);
  expect(await whatOpens(browser, baseURL!, secondCookie)).toEqual(refused);
  await Promise.all([first.close(), second.close()]);
});

test("changing the password needs the current one, refuses a weak one, and ends every other session", async ({ browser, baseURL }) => {
  const { person, first, second } = await twoBrowsers(browser, "Ines Moreau");
  const [firstCookie, secondCookie] = [await cookieOf(first), await cookieOf(second)];
  const page = await first.newPage();
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Change password" });

  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill("amber violin orchard");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(formError(page)).toHaveText("The current password is not correct.");

  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByLabel("New password").fill("password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(formError(page)).toHaveText("This password is too easy to guess. This is a heavily used password. Add more words that are less common.");

  await form.getByLabel("New password").fill("amber violin orchard");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password was changed. One other session was signed out.");
  await expect(page.getByRole("list", { name: "Your sessions" }).getByRole("listitem")).toHaveCount(1);

  expect(await whatOpens(browser, baseURL!, firstCookie)).toEqual(opens);
  expect(await whatOpens(browser, baseURL!, secondCookie)).toEqual(refused);
  // The old password no longer signs in; the new one does.
  const fresh = await browser.newContext();
  const { csrfToken } = (await (await fresh.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const old = await fresh.request.post("/api/auth/callback/credentials", { form: { email: person.email, password: PASSWORD, csrfToken, json: "true" } });
  expect(old.status()).toBe(401);
  await signInByApi(fresh.request, person.email, "amber violin orchard");
  await Promise.all([first.close(), second.close(), fresh.close()]);
});

test('"password" is refused at registration, and so is a password of spaces', async ({ page, request }) => {
  const person = newPerson("Weak Password");
  await page.goto("/register");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formError(page)).toHaveText("This password is too easy to guess. This is a heavily used password. Add more words that are less common.");
  await page.screenshot({ path: "e2e/screenshots/register-weak-password.png", fullPage: true });

  const spaces = await request.post("/api/register", { data: { ...person, password: " ".repeat(12) } });
  expect(spaces.status()).toBe(422);
  expect(await spaces.json()).toMatchObject({ error: "A password cannot be only spaces.", details: [{ path: "password", message: "A password cannot be only spaces." }] });
  // Nothing was created: a strong password now makes the account, and signs in.
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your forums" })).toBeVisible();
});

test("a malformed Authorization header gets 401, two spaces included, and the cookie beside it does not help", async ({ browser }) => {
  const context = await browser.newContext();
  await signUpByApi(context.request, "Header Tester");
  const { token } = (await (await context.request.post("/api/tokens", { data: { name: "script" } })).json()) as { token: string };
  const forum = (await (await context.request.post("/api/forums", { data: { title: "Header forum" } })).json()) as { id: string };
  const measure = (await (await context.request.post(`/api/forums/${forum.id}/measures`, { data: { title: "Hotline", kind: "cbm", text: "A hotline." } })).json()) as { id: string };
  const position = (authorization: string) =>
    context.request.put(`/api/measures/${measure.id}/position`, { headers: { authorization }, data: { stance: "support", clientId: randomUUID() } });

  expect((await context.request.get("/api/forums", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  expect((await position(`Bearer ${token}`)).status()).toBe(200);
  for (const authorization of [`Bearer  ${token}`, `Bearer ${token} x`, `Basic ${token}`, "Bearer"]) {
    const listed = await context.request.get("/api/forums", { headers: { authorization } });
    expect(listed.status(), authorization).toBe(401);
    expect(await listed.json()).toEqual({ error: "The API token is invalid or has been revoked." });
    expect((await position(authorization)).status(), authorization).toBe(401);
  }
  await context.close();
});
