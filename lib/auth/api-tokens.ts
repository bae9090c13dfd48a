import "server-only";
// Personal API tokens for scripts: shown once at creation, stored only as a SHA-256 hash, sent as
// `Authorization: Bearer <token>`. A token acts as its user, with exactly the user's rights.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { notFound } from "@/lib/core/errors";
import type { PublicUser } from "./users";
import type { createTokenInput } from "@/lib/core/validation";

const PREFIX = "cnc_";
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createToken(userId: string, { name }: z.output<typeof createTokenInput>) {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const [row] = await getDb()
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hash(token), prefix: token.slice(0, PREFIX.length + 6) })
    .returning();
  return { id: row!.id, name: row!.name, prefix: row!.prefix, createdAt: row!.createdAt.toISOString(), token };
}

export async function listTokens(userId: string) {
  const rows = await getDb()
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeToken(userId: string, tokenId: string) {
  const [row] = await getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound("Token");
}

// Last use is recorded to the minute: a script sending positions as fast as it can costs one
// indexed read per request, as a session cookie does, and a write once a minute.
const LAST_USED_EVERY_MS = 60_000;

/** The user a bearer token acts for, or null when it is unknown or revoked. */
export async function userForToken(token: string): Promise<PublicUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const [row] = await getDb()
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, name: users.name, email: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hash(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // Conditional: of the requests of one busy minute, on any number of instances, one writes.
    await getDb()
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  }
  return { id: row.id, name: row.name, email: row.email };
}
