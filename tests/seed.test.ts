// The demo forum seeds through the domain functions, in one transaction; this checks it comes out
// as the README says, and that a seed stopped half-way leaves nothing behind.
import { describe, expect, it } from "vitest";
import { getDatabase, getDb, type Database } from "@/db/client";
import { DEMO_FORUM_TITLE, DEMO_PASSWORD, isEmpty, seedDemoIfEmpty } from "@/lib/server/demo-seed";
import { getForumPage } from "@/lib/forum/forums";
import { authenticate } from "@/lib/auth/users";
import { describePostgres, openTestPglite, openTestPostgres, withDatabase } from "./support/databases";
import { getMeasurePage } from "@/lib/measure/page";

function seedSuite(open: () => Promise<Database>) {
  withDatabase(open);

  it("leaves nothing when stopped half-way, so that the next start seeds the forum whole", async () => {
    const stop = new AbortController();
    // Stopped once the chair's account and the forum are written, before the delegations.
    const seeding = seedDemoIfEmpty(getDatabase(), { signal: stop.signal, starting: () => stop.abort(new Error("stopped")) });
    await expect(seeding).rejects.toThrow("stopped");
    expect(await isEmpty(getDb())).toBe(true);
    expect(await authenticate({ email: "chair@demo.concord", password: DEMO_PASSWORD })).toBeNull();
  });

  it("seeds the demo forum once, with decisions and a bracketed paragraph to show", async () => {
    const forum = (await seedDemoIfEmpty(getDatabase()))!;
    expect(await isEmpty(getDb())).toBe(false);
    expect(await seedDemoIfEmpty(getDatabase())).toBeNull();

    const chair = await authenticate({ email: "chair@demo.concord", password: DEMO_PASSWORD });
    expect(chair).not.toBeNull();
    const page = await getForumPage(chair!.id, forum.id);
    expect(page.forum).toMatchObject({ title: DEMO_FORUM_TITLE, joinCode: "OEWGDEMO" });
    expect(page.members).toHaveLength(9);
    expect(new Set(page.members.map((m) => m.camp))).toEqual(new Set(["internet_freedom", "cyber_sovereignty", "non_aligned"]));
    expect(page.measures).toHaveLength(8);
    const titlesWith = (status: string) => page.measures.filter((m) => m.status === status).map((m) => m.title);
    expect(titlesWith("adopted")).toEqual(["Protection of emergency response teams"]);
    expect(titlesWith("in_decision")).toEqual(["Directory of national points of contact"]);

    const infra = page.measures.find((m) => m.title.startsWith("No ICT activity"))!;
    const detail = await getMeasurePage(chair!.id, infra.id);
    const bracketed = detail.compilation.paragraphs.filter((p) => p.status === "bracketed");
    expect(bracketed).toHaveLength(1);
    // Meridia proposed its own wording, then backed Aurelia's: one backing per paragraph.
    expect(bracketed[0]!.alternatives.map((a) => a.backers.length)).toEqual([2, 4]);
    expect(detail.compilation.revisions[0]).toMatchObject({ issuedAs: 1 });
  });
}

describe("the demo seed on PGlite", () => seedSuite(openTestPglite));
describePostgres("the demo seed on PostgreSQL", () => seedSuite(openTestPostgres));
