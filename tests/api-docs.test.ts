// docs/api.md is the contract scripts are written against: its endpoint index must name every
// endpoint the server has, and nothing it does not (the list comes from the route files).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints } from "@/e2e/support/endpoints";

/** "METHOD /path" for each row of the index table under "### Endpoint index". */
function documented(): string[] {
  const doc = fs.readFileSync(path.join(import.meta.dirname, "../docs/api.md"), "utf8");
  const index = doc.slice(doc.indexOf("### Endpoint index"), doc.indexOf("\n---", doc.indexOf("### Endpoint index")));
  return [...index.matchAll(/^\| ([A-Z, ]+) \| `([^`]+)` \|/gm)].flatMap(([, methods, route]) => {
    // next-auth's catch-all is written `/api/auth/…`; query strings are not part of the path.
    const p = route!.replace(/\?.*$/, "").replace("/api/auth/…", "/api/auth/:nextauth");
    return methods!.split(",").map((m) => `${m.trim()} ${p}`);
  });
}

describe("docs/api.md", () => {
  it("indexes exactly the endpoints of the route files", () => {
    const served = endpoints().map((e) => `${e.method} ${e.path}`);
    expect([...documented()].sort()).toEqual([...served].sort());
  });
});
