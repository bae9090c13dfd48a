import "server-only";
// Who a pid is. A pid alone does not name a process for long: once it exits, the kernel gives
// the number to the next one (in a container, soon, and often the same small numbers). On Linux a
// process is named for good by its pid, its start time (in clock ticks since boot, field 22 of
// /proc/<pid>/stat) and the boot it runs in (/proc/sys/kernel/random/boot_id).
import fs from "node:fs";

export type ProcessIdentity = { pid: number; start?: number; boot?: string };

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The start time of `pid`, where /proc shows it. */
export function startTimeOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count the fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = Number(fields[19]);
  return Number.isSafeInteger(start) ? start : undefined;
}

export function currentBoot(): string | undefined {
  return read("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, start: startTimeOf(pid), boot: currentBoot() };
}

function pidInUse(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process `identity` names still runs. Where the system cannot say more than the
 * pid (no /proc, /proc hiding other users' processes, or an identity recorded without a start
 * time), a pid in use counts as it running: wrongly refusing to start can be fixed by hand, two
 * processes on one data directory cannot.
 */
export function stillRunning(identity: ProcessIdentity): boolean {
  const boot = currentBoot();
  if (identity.boot && boot && identity.boot !== boot) return false;
  const start = startTimeOf(identity.pid);
  if (start !== undefined && identity.start !== undefined) return start === identity.start;
  return pidInUse(identity.pid);
}
