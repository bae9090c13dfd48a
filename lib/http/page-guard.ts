import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentSession, getCurrentUser } from "./next-auth";
import { DomainError } from "@/lib/core/errors";
import { isId } from "@/lib/core/validation";
import type { PublicUser } from "@/lib/auth/users";

/** For pages: the signed-in user, or a redirect to sign in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return user;
}

/** For a page about the account itself: the signed-in user and their session, or a redirect to sign in. */
export async function requirePageSession(path: string): Promise<{ user: PublicUser; sessionId: string }> {
  const session = await getCurrentSession();
  if (!session) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return session;
}

/**
 * A page's path parameters, every one of them a record's id: one that is not well formed names
 * nothing, and gets the same 404 page as an id nobody has (the page's only validation of it).
 */
export function requireIds<P extends Record<string, string>>(params: P): P {
  if (!Object.values(params).every(isId)) notFound();
  return params;
}

/** Runs a page's domain read; "not found" (which outsiders get too) becomes the 404 page. */
export async function loadOr404<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}
