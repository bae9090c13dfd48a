// One process of tests/data-dir-lock.test.ts's race. Once loaded it says "ready" and reads a list
// of data directories and the moment to start; it tries to lock each directory in turn, all
// contenders at the same moments (`gapMs` apart), keeps every lock it gets until its stdin
// closes, and says how each try went.
import { lockDataDir } from "../../lib/server/data-dir-lock";

process.stdin.once("data", (line) => {
  const { dirs, at, gapMs } = JSON.parse(line.toString()) as { dirs: string[]; at: number; gapMs: number };
  const outcomes = dirs.map((dir, i) => {
    while (Date.now() < at + i * gapMs); // a busy wait: timers would wake the contenders ms apart
    try {
      lockDataDir(dir);
      return "locked";
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  });
  console.log(JSON.stringify(outcomes));
  process.stdin.once("end", () => process.exit(0));
});
console.log("ready");
