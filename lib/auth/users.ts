import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { conflict, DomainError } from "@/lib/core/errors";
import { decoyHash, hashPassword, verifyPassword } from "./passwords";
import { credentialsInput, registerInput } from "@/lib/core/validation";

export type PublicUser = Pick<typeof users.$inferSelect, "id" | "name" | "email">;

export async function registerUser(input: z.infer<typeof registerInput>): Promise<PublicUser> {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ name: input.name, email: input.email, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, name: users.name, email: users.email });
  if (!created) throw conflict("An account with this email already exists. Sign in instead.");
  return created;
}

/**
 * Registration as strangers see it: the same answer, 201 with the name and email sent, whether
 * or not the email already had an account, and nothing changes on an existing one. So asking does
 * not tell whether an email is registered; signing in with the chosen password would, and that
 * is throttled (lib/auth/throttle.ts), as registration itself is.
 */
export async function signUp(input: z.infer<typeof registerInput>): Promise<{ name: string; email: string }> {
  try {
    await registerUser(input);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "conflict")) throw error;
  }
  return { name: input.name, email: input.email };
}

/** Returns the user for a correct email and password, or null: callers say nothing more. */
export async function authenticate(
  input: z.infer<typeof credentialsInput>,
): Promise<PublicUser | null> {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyHash);
  return user && ok ? { id: user.id, name: user.name, email: user.email } : null;
}

export async function getUser(id: string): Promise<PublicUser | null> {
  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
}
