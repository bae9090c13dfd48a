import "server-only";
import path from "node:path";
import { z } from "zod";
import { throttleSettings } from "@/lib/auth/throttle";
import { trustedProxies } from "@/lib/http/client-address";

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

function invalid(error: z.ZodError): never {
  const lines = error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

export type Env = z.infer<typeof schema> & { dataDir: string };

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")),
  );
  if (!parsed.success) invalid(parsed.error);
  // Read again where they are used (route handlers, in Next's bundle); checked here at start-up.
  try {
    throttleSettings(source);
    trustedProxies(source);
  } catch (error) {
    if (error instanceof z.ZodError) invalid(error);
    throw error;
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
