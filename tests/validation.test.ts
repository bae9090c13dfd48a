import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { limits } from "@/lib/core/limits";
import { safeNext } from "@/lib/core/safe-next";
import { joinForumInput, proposeMeasureInput, registerInput, takePositionInput } from "@/lib/core/validation";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("input validation", () => {
  it("normalises an email and refuses a short password", () => {
    expect(registerInput.parse({ name: " Ana ", email: " Ana@Example.ORG ", password: "12345678" })).toEqual({
      name: "Ana",
      email: "ana@example.org",
      password: "12345678",
    });
    expect(firstMessage(registerInput.safeParse({ name: "Ana", email: "ana@example.org", password: "short" }))).toBe(
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
