import "server-only";
// What the embedded mode keeps in DATA_DIR besides the database: a lock so that only one process
// opens the PGlite files, and the generated NEXTAUTH_SECRET.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes DATA_DIR/concord.lock for this process. PGlite has no lock between processes: two on
 * one data directory silently lose writes, so a second process is refused with a clear message.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "concord.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new Error(
          `Another Concord process (pid ${holder}) is using ${dataDir}. The embedded database ` +
            "serves one process only: stop it, or use another DATA_DIR.",
        );
      }
      fs.unlinkSync(lockPath); // left by a process that died; take it over
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}

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
