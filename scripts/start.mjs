// `npm start`: builds when there is no production build or the sources are newer than it, then
// runs the server in this very process (so Ctrl-C and SIGTERM reach it directly).
import { execSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const sources = ["app", "components", "lib", "db", "server.ts", "package-lock.json", "next.config.ts"];
const builtAt = Math.min(newestMtime(".next/BUILD_ID"), newestMtime("dist/server.js"));
if (builtAt === 0 || Math.max(...sources.map(newestMtime)) > builtAt) {
  console.log(builtAt === 0 ? "No production build yet: building (about a minute)…" : "Sources changed: rebuilding…");
  execSync("npm run build", { stdio: "inherit" });
}

createRequire(import.meta.url)(path.join(root, "dist/server.js"));
