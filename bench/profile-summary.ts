// Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): where the server's CPU went,
// by package and by function (self time), and the inclusive time of the frames named on the
// command line.
//
//   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top 40] [--frames a,b,c]
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string) {
  if (!url) return "(native/idle/gc)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes("/.next/server/")) return "(app: .next/server)";
  if (url.includes("/dist/server.js")) return "(app: dist/server.js)";
  if (url.startsWith("node:")) return "(node core)";
  return url;
}

function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [--top N] [--frames a,b]");
  const top = Number(rest[rest.indexOf("--top") + 1] ?? 40) || 40;
  const framesArg = rest.includes("--frames") ? rest[rest.indexOf("--frames") + 1]!.split(",") : [];
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time from the samples and their time deltas (more exact than hitCount × interval).
  // --window a,b: only the samples between a and b seconds after the profile started.
  const win = rest.includes("--window") ? rest[rest.indexOf("--window") + 1]!.split(",").map(Number) : [0, Infinity];
  const self = new Map<number, number>();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at / 1e6 < win[0]! || at / 1e6 >= win[1]!) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const totalMs = Math.min((profile.endTime - profile.startTime) / 1000, (win[1]! - win[0]!) * 1000);
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((s, [, v]) => s + v, 0);
  console.log(`${file}\n  wall ${Math.round(totalMs)} ms, busy ${Math.round(totalMs - idle)} ms (${Math.round(((totalMs - idle) / totalMs) * 100)} %)`);

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)") continue;
    const pkg = packageOf(n.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const fn = `${n.callFrame.functionName || "(anonymous)"}  ${pkg}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const busy = totalMs - idle;
  const print = (title: string, m: Map<string, number>, n: number) => {
    console.log(`\n  ${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`  ${String(Math.round(v)).padStart(8)} ms ${String(Math.round((v / busy) * 1000) / 10).padStart(5)} %  ${k}`);
    }
  };
  print("self time by package (share of busy time)", byPackage, 25);
  print("self time by function", byFunction, top);

  if (rest.includes("--timeline")) {
    // Per second of the profile: how busy the thread was and the top packages in that second.
    let t = 0;
    const seconds: Map<string, number>[] = [];
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      const n = byId.get(profile.samples[i]!)!;
      if (n.callFrame.functionName === "(idle)") continue;
      const sec = Math.floor(t / 1e6);
      const m = (seconds[sec] ??= new Map());
      const key = n.callFrame.functionName === "(garbage collector)" ? "(gc)" : packageOf(n.callFrame.url);
      m.set(key, (m.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    }
    console.log("\n  timeline (busy ms per second, top packages)");
    seconds.forEach((m, sec) => {
      const busyMs = [...m.values()].reduce((a, b) => a + b, 0);
      const tops = [...m].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ");
      console.log(`  ${String(sec).padStart(4)} s ${String(Math.round(busyMs)).padStart(5)} ms  ${tops}`);
    });
  }

  if (framesArg.length) {
    // Inclusive time: self time of every node under a frame with that name (counted once per path).
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map<string, number>(framesArg.map((f) => [f, 0]));
    for (const [id, ms] of self) {
      const names = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) names.add(byId.get(cur)!.callFrame.functionName);
      for (const f of framesArg) if (names.has(f)) inclusive.set(f, inclusive.get(f)! + ms);
    }
    console.log("\n  inclusive time of named frames");
    for (const [f, ms] of inclusive) console.log(`  ${String(Math.round(ms)).padStart(8)} ms ${String(Math.round((ms / busy) * 1000) / 10).padStart(5)} %  ${f}`);
  }
}

main();
