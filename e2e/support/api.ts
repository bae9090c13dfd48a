// Seeding through the JSON API with a person's own cookies (their browser context's request),
// so a spec spends its browser time on what it checks, not on setting the scene.
import { expect, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Camp, Stance } from "@/lib/core/vocabulary";

export const PASSWORD = "correct horse battery";

export function newPerson(name: string) {
  return { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 8)}@example.org` };
}

/** Signs in as next-auth's sign-in form does (its CSRF token, then the credentials callback). */
export async function signInByApi(request: APIRequestContext, email: string, password = PASSWORD) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
  });
  expect(res.ok(), `sign-in of ${email}`).toBe(true);
}

/**
 * Registers a person and signs them in, through the API: the request context (a browser
 * context's `request` shares its cookies) is then theirs.
 */
export async function signUpByApi(request: APIRequestContext, name: string) {
  const person = newPerson(name);
  const res = await request.post("/api/register", { data: { ...person, password: PASSWORD } });
  expect(res.status(), `registration of ${name}`).toBe(201);
  await signInByApi(request, person.email);
  return person;
}

export async function apiCreateForum(request: APIRequestContext, title: string) {
  const res = await request.post("/api/forums", { data: { title, description: "" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; joinCode: string };
}

export async function apiJoin(request: APIRequestContext, code: string, delegation: string, camp: Camp) {
  const res = await request.post("/api/forums/join", { data: { code, delegation, camp, stakeholderGroup: "state" } });
  expect(res.status()).toBe(201);
}

export async function apiPropose(request: APIRequestContext, forumId: string, title: string) {
  const res = await request.post(`/api/forums/${forumId}/measures`, { data: { title, kind: "norm", text: `Text of ${title}.` } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

export async function apiStance(request: APIRequestContext, measureId: string, stance: Stance, rationale = "") {
  const res = await request.put(`/api/measures/${measureId}/position`, { data: { stance, rationale, clientId: randomUUID() } });
  expect(res.status()).toBe(200);
}
