import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { limits } from "@/lib/core/limits";
import { safeNext } from "@/lib/core/safe-next";
import { joinForumInput, proposeMeasureInput, registerInput, takePositionInput } from "@/lib/core/validation";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("input validation", () => {
  it("refuses a NUL byte or broken Unicode in any text, and keeps valid Unicode of every script", () => {
    const title = (t: string) => proposeMeasureInput.safeParse({ title: t, kind: "cbm", text: "Text." });
    for (const bad of ["Hotline\u0000", "\ud800 alone", "trailing \udc00", "reversed \udc00\ud800"]) {
      expect(firstMessage(title(bad))).toBe("Title contains a character that cannot be stored (a NUL byte or broken Unicode).");
    }
    for (const good of ["خط ساخن بين العواصم", "各国首都之间的热线", "Горячая линия", "Emoji 🤝 pair"]) expect(title(good).success).toBe(true);
    const position = takePositionInput.safeParse({ stance: "support", rationale: "\ud83d", clientId: randomUUID() });
    expect(firstMessage(position)).toMatch(/^Rationale contains a character that cannot be stored/);
  });

  it("says a field is missing, too long or not text in its own words", async () => {
    expect(firstMessage(await registerInput.safeParseAsync({ email: "a@b.org", password: "correct horse" }))).toBe("Name is required.");
    expect(firstMessage(await registerInput.safeParseAsync({ name: 7, email: "a@b.org", password: "correct horse" }))).toBe("Name must be text.");
    const long = `${"x".repeat(300)}@example.org`;
    expect(firstMessage(await registerInput.safeParseAsync({ name: "A", email: long, password: "correct horse" }))).toBe(
      `Email must be at most ${limits.email} characters.`,
    );
  });

  it("normalises an email and refuses a short password", async () => {
    expect(await registerInput.parseAsync({ name: " Ana ", email: " Ana@Example.ORG ", password: "correct horse battery" })).toEqual({
      name: "Ana",
      email: "ana@example.org",
      password: "correct horse battery",
    });
    expect(firstMessage(await registerInput.safeParseAsync({ name: "Ana", email: "ana@example.org", password: "short" }))).toBe(
      "Password must be at least 8 characters.",
    );
  });

  it("explains an empty title and a text over the limit", () => {
    expect(firstMessage(proposeMeasureInput.safeParse({ title: "  ", kind: "cbm", text: "x" }))).toBe("Title is required.");
    expect(
      firstMessage(proposeMeasureInput.safeParse({ title: "T", kind: "cbm", text: "x".repeat(limits.measureText + 1) })),
    ).toBe("Text must be at most 20,000 characters.");
    expect(firstMessage(proposeMeasureInput.safeParse({ title: "T", kind: "treaty", text: "x" }))).toBe(
      "Choose a kind: CBM or norm.",
    );
  });

  it("accepts a join code in any case and refuses malformed ones", () => {
    const profile = { stakeholderGroup: "state", delegation: "Estonia", camp: "internet_freedom" };
    expect(joinForumInput.parse({ ...profile, code: " oewgdemo " }).code).toBe("OEWGDEMO");
    expect(joinForumInput.safeParse({ ...profile, code: "no spaces!" }).success).toBe(false);
    expect(firstMessage(joinForumInput.safeParse({ ...profile, code: "OEWGDEMO", camp: "both" }))).toBe("Choose a camp.");
  });

  it("requires a client-generated id on a position", () => {
    expect(takePositionInput.safeParse({ stance: "support" }).success).toBe(false);
    expect(takePositionInput.parse({ stance: "support", clientId: randomUUID() }).rationale).toBe("");
  });
});

describe("safeNext", () => {
  it("keeps paths on this site and drops everything else", () => {
    expect(safeNext("/forums/1")).toBe("/forums/1");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
  });
});
