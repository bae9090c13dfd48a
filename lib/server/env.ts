import "server-only";
import path from "node:path";
import { z } from "zod";

// Configuration from the environment, validated once. Read lazily: server.ts sets some values
// (NEXTAUTH_SECRET, NEXTAUTH_URL) at start-up before anything else asks for them.
const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis://").optional(),
    NEXTAUTH_SECRET: z.string().min(16).optional(),
    NEXTAUTH_URL: z.url().optional(),
    SEED_DEMO: z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((v) => v === "true" || v === "1"),
  })
  .refine((e) => !(e.REDIS_URL && !e.DATABASE_URL), {
    message:
      "REDIS_URL is set but DATABASE_URL is not: several instances need a shared PostgreSQL " +
      "(the embedded PGlite database serves one process only).",
    path: ["REDIS_URL"],
  });

export type Env = z.infer<typeof schema> & { dataDir: string };

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
