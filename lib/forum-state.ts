import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { forums, type Forum } from "@/db/schema";
import { DomainError, notFound } from "./errors";

/** A closed forum is read-only until its chair reopens it. */
export async function requireOpenForum(db: Db | Tx, forumId: string): Promise<Forum> {
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  if (forum.status === "closed") {
    throw new DomainError("conflict", "This forum is closed: it is read-only until the chair reopens it.");
  }
  return forum;
}
