// The embedded database's lock (lib/server/data-dir-lock.ts): one process per data directory,
// its owner known by more than a pid, and a stale lock taken over by exactly one process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "@/lib/server/data-dir-lock";
import { currentBoot, identityOf, startTimeOf } from "@/lib/server/process-identity";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "concord-lock-"));
const lockIn = (dir: string) => path.join(dir, "concord.lock");
const writeLock = (dir: string, record: unknown) => fs.writeFileSync(lockIn(dir), typeof record === "string" ? record : JSON.stringify(record));
const owner = (dir: string) => JSON.parse(fs.readFileSync(lockIn(dir), "utf8")) as { pid: number };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** A live process that is not Concord, as a reused pid would be. */
async function foreignProcess() {
  const child = spawn("sleep", ["600"]);
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  return child.pid!;
}

describe("the data directory's lock", () => {
  it("refuses a second process while the owner runs", async () => {
    const dir = tmp();
    const pid = await foreignProcess();
    writeLock(dir, identityOf(pid));
    expect(() => lockDataDir(dir)).toThrow(`Another Concord process (pid ${pid}) is using ${dir}`);
  });

  it("takes over a lock whose pid now belongs to another process", async () => {
    const dir = tmp();
    const pid = await foreignProcess();
    // The lock of a process that had this pid before: it started at another time.
    writeLock(dir, { ...identityOf(pid), start: startTimeOf(pid)! - 100 });
    const release = lockDataDir(dir);
    expect(owner(dir).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockIn(dir))).toBe(false);
  });

  it("takes over a lock written before the machine restarted", async () => {
    const dir = tmp();
    const pid = await foreignProcess();
    writeLock(dir, { ...identityOf(pid), boot: "00000000-0000-0000-0000-000000000000" });
    expect(currentBoot()).toMatch(/^[0-9a-f-]{36}$/);
    lockDataDir(dir)();
  });

  it("judges a lock of the earlier format, a bare pid, by that pid alone", async () => {
    const dir = tmp();
    const pid = await foreignProcess();
    writeLock(dir, String(pid));
    expect(() => lockDataDir(dir)).toThrow(`Another Concord process (pid ${pid})`);
    writeLock(dir, "999999999");
    lockDataDir(dir)();
  });

  it("takes over an empty lock file once it is too old to be one being written", () => {
    const dir = tmp();
    writeLock(dir, "");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockIn(dir), old, old);
    lockDataDir(dir)();
  });

  it("releases its own lock when the process exits", async () => {
    const dir = tmp();
    const [contender] = await contenders([dir], 1);
    expect(await contender!.said).toEqual(["locked"]);
    expect(fs.existsSync(lockIn(dir))).toBe(true);
    contender!.child.stdin!.end();
    await new Promise((resolve) => contender!.child.once("exit", resolve));
    expect(fs.existsSync(lockIn(dir))).toBe(false);
  });

  it("lets exactly one of several processes starting at once on a stale lock take it", async () => {
    const dirs = Array.from({ length: 40 }, () => {
      const dir = tmp();
      writeLock(dir, { pid: 999_999_999, start: 1, boot: currentBoot() });
      return dir;
    });
    const said = await Promise.all((await contenders(dirs, 6)).map((c) => c.said));
    dirs.forEach((dir, i) => {
      const outcomes = said.map((s) => s[i]!);
      expect(outcomes.filter((o) => o === "locked"), `${dir}:\n${outcomes.join("\n")}`).toHaveLength(1);
      expect(outcomes.filter((o) => o.startsWith("refused: Another Concord process"))).toHaveLength(5);
    });
  }, 120_000);
});

/**
 * `count` processes that each try to take the lock of every directory in `dirs`, one after the
 * other, all at the same moments; `said` is how each try went.
 */
async function contenders(dirs: string[], count: number) {
  const started = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/lock-contender.ts"]);
      children.push(child);
      let output = "";
      let heard = () => {};
      child.stdout!.on("data", (d: Buffer) => {
        output += d;
        heard();
      });
      const line = (n: number) =>
        new Promise<string>((resolve) => {
          heard = () => {
            const lines = output.split("\n");
            if (lines.length > n) resolve(lines[n - 1]!);
          };
          heard();
        });
      expect(await line(1)).toBe("ready");
      return { child, said: () => line(2).then((l) => JSON.parse(l) as string[]) };
    }),
  );
  const start = JSON.stringify({ dirs, at: Date.now() + 200, gapMs: 20 });
  return started.map(({ child, said }) => {
    child.stdin!.write(`${start}\n`);
    return { child, said: said() };
  });
}
