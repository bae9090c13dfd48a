import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "./auth";
import { DomainError } from "./errors";
import type { PublicUser } from "./users";

/** For pages: the signed-in user, or a redirect to sign in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return user;
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
