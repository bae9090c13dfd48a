import "server-only";
// Changing one's password: it needs the current one, and it ends every other session of the
// account, so that whoever had signed in with the old password (on a shared computer, or with a
// stolen cookie) is out. API tokens are separate credentials and stay valid: they are revoked
// on the account page, one by one.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import type { changePasswordInput } from "@/lib/core/validation";
import { hashPassword, verifyPassword } from "./passwords";
import { endSessionsOf } from "./sessions";
import { beginSignIn, signInSucceeded } from "./throttle";
import type { PublicUser } from "./users";

/**
 * Sets a new password when `currentPassword` is right, and ends every session of the user but
 * `keep` (the caller's own; null, for a caller with an API token, ends them all). Returns the
 * ids of the sessions it ended. A wrong current password counts as a failed sign-in from
 * `address`: a stolen cookie must not be a way around the sign-in throttle.
 */
export async function changePassword(
  { user, keep, address }: { user: PublicUser; keep: string | null; address: string },
  input: z.output<typeof changePasswordInput>,
): Promise<string[]> {
  const refused = await beginSignIn(user.email, address);
  if (refused) throw refused;
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await getDb().transaction(async (tx) => {
    // Locked before it is checked: of two changes at once, the second checks the first's result.
    const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).for("update");
    if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
      throw new DomainError("invalid", "The current password is not correct.");
    }
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    return endSessionsOf(user.id, keep, tx);
  });
  await signInSucceeded(user.email, address);
  return ended;
}
