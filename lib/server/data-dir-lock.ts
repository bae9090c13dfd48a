import "server-only";
// DATA_DIR/concord.lock: PGlite has no lock between processes, and two on one data directory
// silently lose writes, so the embedded mode lets one process at a time use it. The lock names
// its owner by pid, start time and boot (process-identity.ts), so that a lock left by a process
// that died is recognised as such even when its pid now belongs to another process.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { identityOf, stillRunning, type ProcessIdentity } from "./process-identity";

const LOCK = "concord.lock";
// How long a lock file may stay empty: it is written in the same breath as it is created, so an
// older empty one was left by a process that died in between.
const BEING_WRITTEN_MS = 2_000;
// How long breaking a stale lock can take (a few file operations): a takeover file older than
// this was left by a process that died while breaking one.
const TAKEOVER_MS = 10_000;

type LockRecord = ProcessIdentity & { token?: string };

/** The lock's owner as written; a bare pid is the format of versions before this one. */
function parse(text: string): LockRecord | null {
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const record = JSON.parse(text) as LockRecord;
    return Number.isInteger(record.pid) && record.pid > 0 ? record : null;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function ageMs(file: string) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? Date.now() - stat.mtimeMs : 0;
}

/** Creates `file` holding `text` unless it exists (O_CREAT | O_EXCL): atomic between processes. */
function createExclusive(file: string, text: string): boolean {
  try {
    fs.writeFileSync(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Puts `mine` in place of the stale lock `staleText`. Two processes may find the same stale lock
 * at once; only the one that creates the takeover file (exclusively) may replace it, and it does
 * so only if the lock still holds what it judged stale, by an atomic rename. So of two processes
 * starting on a stale lock, one gets it and the other then finds it held.
 */
function replaceStale(lockPath: string, staleText: string, mine: string): boolean {
  const takeover = `${lockPath}.takeover`;
  if (!createExclusive(takeover, mine)) {
    if (ageMs(takeover) > TAKEOVER_MS) fs.rmSync(takeover, { force: true });
    return false;
  }
  try {
    if (readText(lockPath) !== staleText) return false;
    const next = `${lockPath}.${process.pid}.next`;
    fs.writeFileSync(next, mine);
    fs.renameSync(next, lockPath);
    return true;
  } finally {
    fs.rmSync(takeover, { force: true });
  }
}

/**
 * Takes DATA_DIR/concord.lock for this process, or refuses with a clear message while another
 * process holds it. Returns the release (also run when the process exits).
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK);
  const mine = JSON.stringify({ ...identityOf(process.pid), token: randomUUID() });
  // Each turn either takes the lock, refuses, or waits for another process's step of a few ms.
  for (const deadline = Date.now() + BEING_WRITTEN_MS + 3_000; Date.now() < deadline; ) {
    if (createExclusive(lockPath, mine)) return releaser(lockPath, mine);
    const text = readText(lockPath);
    if (text === null) continue; // released meanwhile
    const owner = parse(text);
    if (!owner && ageMs(lockPath) < BEING_WRITTEN_MS) {
      pause(20);
      continue;
    }
    // A bare pid equal to ours was written by an earlier process that had our pid: not us.
    const running = owner && (owner.start !== undefined || owner.pid !== process.pid) && stillRunning(owner);
    if (running) {
      throw new Error(
        `Another Concord process (pid ${owner.pid}) is using ${dataDir}. The embedded database ` +
          "serves one process only: stop it, or use another DATA_DIR.",
      );
    }
    if (replaceStale(lockPath, text, mine)) return releaser(lockPath, mine);
    pause(20); // another process is taking it over: see who got it
  }
  throw new Error(`Could not lock ${dataDir}: its lock file ${lockPath} keeps changing.`);
}

function releaser(lockPath: string, mine: string) {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own lock: nobody replaces a lock whose owner runs, so it is still ours if it reads so.
    try {
      if (readText(lockPath) === mine) fs.rmSync(lockPath, { force: true });
    } catch (error) {
      console.error(`Could not release ${lockPath}:`, error);
    }
  };
  process.once("exit", release);
  return release;
}
