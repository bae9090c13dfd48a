import "server-only";
// The NEXTAUTH_SECRET that DATA_DIR keeps when none is configured.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** NEXTAUTH_SECRET, generated on first start and kept with owner-only permissions. */
export function ensureAuthSecret(dataDir: string): string {
  const secretPath = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(secretPath, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    fs.writeFileSync(secretPath, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
