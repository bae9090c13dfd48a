// Every endpoint of the JSON API, read from the route files under app/api/ (and the one endpoint
// server.ts answers itself), so that a test that must cover all of them cannot miss a new one.
import fs from "node:fs";
import path from "node:path";

export type Endpoint = {
  method: string;
  /** As docs/api.md writes it: `/api/forums/:forumId/members/:memberId`. */
  path: string;
  /** Open to anyone (registration, health, next-auth's own routes). */
  open: boolean;
};

const root = path.resolve(__dirname, "../..");
const apiDir = path.join(root, "app/api");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const openPaths = new Set(["/api/register", "/api/health", "/api/auth/:nextauth"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The methods a route file exports: `export const GET = …`, `export async function GET`, `export { handler as GET }`. */
function exportedMethods(source: string): string[] {
  return methods.filter((m) =>
    new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\bas\\s+${m}\\b`).test(source),
  );
}

function pathOf(file: string): string {
  const dir = path.relative(path.join(root, "app"), path.dirname(file));
  return "/" + dir.split(path.sep).map((part) => part.replace(/^\[(?:\.\.\.)?(\w+)\]$/, ":$1")).join("/");
}

export function endpoints(): Endpoint[] {
  const fromFiles = routeFiles(apiDir).flatMap((file) => {
    const p = pathOf(file);
    return exportedMethods(fs.readFileSync(file, "utf8")).map((method) => ({ method, path: p, open: openPaths.has(p) }));
  });
  // Taking a position is answered by server.ts itself, outside Next's router (lib/http/position-endpoint.ts).
  const position = { method: "PUT", path: "/api/measures/:measureId/position", open: false };
  return [...fromFiles, position].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** A concrete URL for an endpoint: every `:param` replaced by `values[param]` or else `fallback`. */
export function urlFor(endpoint: Endpoint, values: Record<string, string>, fallback: string): string {
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? fallback);
}

/** The path parameters of an endpoint that are record ids (every one but a revision number and a dataset). */
export const idParams = (endpoint: Endpoint) =>
  [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((name) => name.endsWith("Id"));
