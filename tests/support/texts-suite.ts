// Integration tests of negotiating a text: paragraphs, alternatives and backing, settling,
// revisions and redlines, amendments, and optimistic concurrency — on PGlite and PostgreSQL.
import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { withDatabase } from "./databases";
import { DomainError } from "@/lib/core/errors";
import { addMember, newForum } from "./world";
import { acceptAmendment } from "@/lib/text/amendments";
import { setBacking } from "@/lib/text/alternatives";
import { getRedline, issueRevision } from "@/lib/text/revisions";
import { getMeasurePage } from "@/lib/measure/page";
import { openDecision, proposeAmendment, rejectAmendment, chooseAlternative, proposeAlternative, editParagraph, settleParagraph, rewriteText, proposeMeasure } from "./edge";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e : Promise.reject(e)),
  );

const TEXT = "States should designate points of contact.\n\nContacts answer within 72 hours.\n\nThe directory is tested yearly.";

async function negotiation() {
  const { chair, forum } = await newForum();
  const author = await addMember(forum, { camp: "non_aligned", delegation: "Aurelia" });
  const freedom = await addMember(forum, { camp: "internet_freedom", delegation: "Northland" });
  const sovereignty = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
  const observer = await addMember(forum, { camp: "internet_freedom", delegation: "Watcher", role: "observer" });
  const measure = await proposeMeasure(author.user.id, forum.id, { title: "Points of contact", kind: "cbm", text: TEXT });
  const page = () => getMeasurePage(chair.id, measure.id);
  return { chair, forum, author, freedom, sovereignty, observer, measure, page };
}

export function textsSuite(open: () => Promise<Database>) {
  withDatabase(open);

  it("splits a new measure's text into agreed paragraphs and records it as revision 1", async () => {
    const { page } = await negotiation();
    const { compilation } = await page();
    expect(compilation.paragraphs.map((p) => [p.number, p.status, p.text])).toEqual([
      [1, "agreed", "States should designate points of contact."],
      [2, "agreed", "Contacts answer within 72 hours."],
      [3, "agreed", "The directory is tested yearly."],
    ]);
    expect(compilation.revisions).toMatchObject([{ number: 1, summary: "Original text", issuedAs: null }]);
  });

  it("brackets a paragraph when delegations propose alternatives, and splits their backing by camp", async () => {
    const { author, freedom, sovereignty, chair, measure, page } = await negotiation();
    const p2 = (await page()).compilation.paragraphs[1]!;
    const a = await proposeAlternative(freedom.user.id, measure.id, {
      kind: "replace",
      paragraphId: p2.id,
      text: "Contacts answer within 24 hours.",
      rationale: "Incidents move fast.",
    });
    const b = await proposeAlternative(sovereignty.user.id, measure.id, {
      kind: "replace",
      paragraphId: p2.id,
      text: "Contacts acknowledge within 72 hours and answer within 14 days.",
      rationale: "Capitals need time.",
    });
    await setBacking(author.user.id, b.id, true);
    await setBacking(chair.id, b.id, true);
    const after = (await page()).compilation.paragraphs[1]!;
    expect(after.status).toBe("bracketed");
    const [altA, altB] = after.alternatives;
    expect(altA!.backers.map((x) => x.delegation)).toEqual(["Northland"]);
    expect(altB!.backers.map((x) => x.delegation)).toEqual(["Meridia", "Aurelia", "Chair"]);
    expect(altB!.tally.byCamp).toEqual({
      internet_freedom: { support: 0, oppose: 1, abstain: 0 },
      cyber_sovereignty: { support: 1, oppose: 0, abstain: 0 },
      non_aligned: { support: 2, oppose: 0, abstain: 0 },
    });
    // (0+1)/(0+1+2) × (1+1)/(1+0+2) × (2+1)/(2+0+2) = 1/3 × 2/3 × 3/4
    expect(altB!.bridging).toBeCloseTo(1 / 6, 10);
    expect(altA!.id).toBe(a.id);
  });

  it("settles a paragraph on a chosen alternative: a revision, the rivals set aside, and an exact redline", async () => {
    const { chair, freedom, sovereignty, measure, page } = await negotiation();
    expect(await issueRevision(chair.id, measure.id)).toEqual({ issuedAs: 1 });
    const p2 = (await page()).compilation.paragraphs[1]!;
    const a = await proposeAlternative(freedom.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Contacts answer within 24 hours.", rationale: "" });
    await proposeAlternative(sovereignty.user.id, measure.id, { kind: "delete", paragraphId: p2.id, rationale: "Not needed." });
    await chooseAlternative(chair.id, a.id);
    expect(await issueRevision(chair.id, measure.id)).toEqual({ issuedAs: 2 });

    const { compilation } = await page();
    expect(compilation.paragraphs[1]).toMatchObject({ status: "agreed", text: "Contacts answer within 24 hours.", alternatives: [] });
    expect(compilation.revisions.map((r) => [r.number, r.issuedAs, r.summary])).toEqual([
      [2, 2, "¶2: wording proposed by Northland agreed"],
      [1, 1, "Original text"],
    ]);
    const { segments } = await getRedline(chair.id, measure.id, 1, 2);
    expect(segments.filter((s) => s.kind !== "same")).toEqual([
      { kind: "deleted", text: "72" },
      { kind: "inserted", text: "24" },
    ]);
  });

  it("inserts and deletes paragraphs when such alternatives are chosen", async () => {
    const { chair, freedom, measure, page } = await negotiation();
    const [p1, , p3] = (await page()).compilation.paragraphs;
    const ins = await proposeAlternative(freedom.user.id, measure.id, { kind: "insert", paragraphId: p1!.id, text: "Contacts speak English or French.", rationale: "" });
    const del = await proposeAlternative(freedom.user.id, measure.id, { kind: "delete", paragraphId: p3!.id, rationale: "" });
    await chooseAlternative(chair.id, ins.id);
    await chooseAlternative(chair.id, del.id);
    expect((await page()).compilation.paragraphs.map((p) => p.text)).toEqual([
      "States should designate points of contact.",
      "Contacts speak English or French.",
      "Contacts answer within 72 hours.",
    ]);
    expect((await page()).measure.text).toBe(
      "States should designate points of contact.\n\nContacts speak English or French.\n\nContacts answer within 72 hours.",
    );
  });

  it("agrees a compromise wording and refuses a settle based on an old version", async () => {
    const { chair, freedom, measure, page } = await negotiation();
    const p2 = (await page()).compilation.paragraphs[1]!;
    await proposeAlternative(freedom.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Within 24 hours.", rationale: "" });
    await settleParagraph(chair.id, p2.id, { text: "Contacts answer within 48 hours.", version: p2.version });
    const stale = await refusal(settleParagraph(chair.id, p2.id, { text: "Other words.", version: p2.version }));
    expect(stale?.code).toBe("conflict");
    expect(stale?.details).toMatchObject({ current: { text: "Contacts answer within 48 hours.", version: p2.version + 1 } });
    expect((await page()).compilation.paragraphs[1]!.alternatives).toEqual([]);
  });

  it("lets only one of two simultaneous edits of a paragraph through, and explains the other", async () => {
    const { author, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    const results = await Promise.allSettled([
      editParagraph(author.user.id, p1.id, { text: "First editor's words.", version: p1.version }),
      editParagraph(author.user.id, p1.id, { text: "Second editor's words.", version: p1.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect((refused.reason as DomainError).message).toMatch(/^Someone changed this paragraph/);
    const text = (await page()).compilation.paragraphs[0]!.text;
    expect(["First editor's words.", "Second editor's words."]).toContain(text);
    expect((await page()).compilation.revisions).toHaveLength(2);
  });

  it("keeps editing to authors, proposals to delegates, settling to the chair", async () => {
    const { chair, freedom, observer, measure, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    expect((await refusal(editParagraph(freedom.user.id, p1.id, { text: "x", version: 1 })))?.code).toBe("forbidden");
    expect(
      (await refusal(proposeAlternative(observer.user.id, measure.id, { kind: "delete", paragraphId: p1.id, rationale: "" })))?.code,
    ).toBe("forbidden");
    const alt = await proposeAlternative(freedom.user.id, measure.id, { kind: "delete", paragraphId: p1.id, rationale: "" });
    expect((await refusal(setBacking(observer.user.id, alt.id, true)))?.code).toBe("forbidden");
    expect((await refusal(chooseAlternative(freedom.user.id, alt.id)))?.code).toBe("forbidden");
    expect((await refusal(issueRevision(freedom.user.id, measure.id)))?.code).toBe("forbidden");
    await issueRevision(chair.id, measure.id);
    expect((await refusal(issueRevision(chair.id, measure.id)))?.message).toBe("The text has not changed since Rev.1.");
  });

  it("takes the pen from a co-author who is made observer", async () => {
    const { chair, forum, author, page } = await negotiation();
    const { changeRole } = await import("@/lib/forum/members");
    await changeRole(chair.id, forum.id, author.member.id, { role: "observer" });
    const p1 = (await page()).compilation.paragraphs[0]!;
    expect((await refusal(editParagraph(author.user.id, p1.id, { text: "An observer's words.", version: p1.version })))?.code).toBe("forbidden");
  });

  it("freezes the text once a decision is open", async () => {
    const { chair, author, measure, page } = await negotiation();
    await openDecision(chair.id, measure.id, {});
    const p1 = (await page()).compilation.paragraphs[0]!;
    expect((await refusal(editParagraph(author.user.id, p1.id, { text: "Late change", version: p1.version })))?.message).toBe(
      "The text can change only while the measure is a draft or under discussion.",
    );
  });

  it("accepts an amendment as a new revision, and rejects another with a reason", async () => {
    const { chair, author, freedom, sovereignty, measure, page } = await negotiation();
    const a = await proposeAmendment(freedom.user.id, measure.id, { text: "One paragraph.\n\nTwo paragraphs.", rationale: "Shorter." });
    const b = await proposeAmendment(sovereignty.user.id, measure.id, { text: "Something else.", rationale: "Different." });
    expect((await refusal(acceptAmendment(freedom.user.id, a.id)))?.code).toBe("forbidden");
    await acceptAmendment(author.user.id, a.id);
    await rejectAmendment(chair.id, b.id, { reason: "Superseded by the accepted amendment." });
    const { compilation, measure: m } = await page();
    expect(m.text).toBe("One paragraph.\n\nTwo paragraphs.");
    expect(compilation.paragraphs.map((p) => p.text)).toEqual(["One paragraph.", "Two paragraphs."]);
    expect(compilation.amendments.map((x) => [x.status, x.decisionReason])).toEqual([
      ["rejected", "Superseded by the accepted amendment."],
      ["accepted", null],
    ]);
    expect(compilation.revisions[0]!.summary).toBe("Amendment by Northland accepted");
  });

  it("refuses an author's rewrite based on an older revision, showing the current text", async () => {
    const { author, measure } = await negotiation();
    await rewriteText(author.user.id, measure.id, { text: "New text.", summary: "Tightened", baseRevision: 1 });
    const stale = await refusal(rewriteText(author.user.id, measure.id, { text: "Other.", summary: "x", baseRevision: 1 }));
    expect(stale?.code).toBe("conflict");
    expect(stale?.details).toEqual({ current: { revision: 2, text: "New text." } });
  });

  it("renders hostile alternative text harmless", async () => {
    const { freedom, measure, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    await proposeAlternative(freedom.user.id, measure.id, {
      kind: "replace",
      paragraphId: p1.id,
      text: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) <svg onload=alert(1)>',
      rationale: "",
    });
    const html = (await page()).compilation.paragraphs[0]!.alternatives[0]!.html;
    expect(html).not.toMatch(/<img|<svg|onerror=|onload=|javascript:/i);
  });

  it("lets a delegation back one wording per paragraph", async () => {
    const { author, freedom, sovereignty, measure, page } = await negotiation();
    const p2 = (await page()).compilation.paragraphs[1]!;
    const a = await proposeAlternative(freedom.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Within 24 hours.", rationale: "" });
    const b = await proposeAlternative(sovereignty.user.id, measure.id, { kind: "replace", paragraphId: p2.id, text: "Within 14 days.", rationale: "" });
    await setBacking(author.user.id, a.id, true);
    await setBacking(author.user.id, b.id, true);
    const [altA, altB] = (await page()).compilation.paragraphs[1]!.alternatives;
    expect(altA!.backers.map((x) => x.delegation)).toEqual(["Northland"]);
    expect(altB!.backers.map((x) => x.delegation)).toEqual(["Meridia", "Aurelia"]);
  });

  it("drops the backing of a member who is removed or made observer", async () => {
    const { chair, forum, freedom, sovereignty, measure, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    const a = await proposeAlternative(freedom.user.id, measure.id, { kind: "replace", paragraphId: p1.id, text: "New words.", rationale: "" });
    await setBacking(sovereignty.user.id, a.id, true);
    const { changeRole, removeMember } = await import("@/lib/forum/members");
    await changeRole(chair.id, forum.id, sovereignty.member.id, { role: "observer" });
    await removeMember(chair.id, forum.id, freedom.member.id);
    expect((await page()).compilation.paragraphs[0]!.alternatives[0]!.backers).toEqual([]);
  });

  it("keeps at least one paragraph, and re-anchors new paragraphs proposed after a deleted one", async () => {
    const { chair, author, freedom, measure, page } = await negotiation();
    const [, p2, p3] = (await page()).compilation.paragraphs;
    const insert = await proposeAlternative(freedom.user.id, measure.id, { kind: "insert", paragraphId: p3!.id, text: "An annex follows.", rationale: "" });
    const del3 = await proposeAlternative(freedom.user.id, measure.id, { kind: "delete", paragraphId: p3!.id, rationale: "" });
    await chooseAlternative(chair.id, del3.id);
    const after = (await page()).compilation.paragraphs;
    expect(after.map((p) => p.id)).toEqual([after[0]!.id, p2!.id]);
    expect(after[1]!.insertions.map((i) => i.id)).toEqual([insert.id]);

    await rewriteText(author.user.id, measure.id, { text: "Only one paragraph.", summary: "Shortened", baseRevision: 2 });
    const only = (await page()).compilation.paragraphs[0]!;
    const delOnly = await proposeAlternative(freedom.user.id, measure.id, { kind: "delete", paragraphId: only.id, rationale: "" });
    expect((await refusal(chooseAlternative(chair.id, delOnly.id)))?.message).toBe(
      "A measure keeps at least one paragraph: this one cannot be deleted.",
    );
  });

  it("treats agreeing an agreed paragraph in its own words, or rewriting the same text, as no change", async () => {
    const { chair, author, measure, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    await settleParagraph(chair.id, p1.id, { version: p1.version });
    await rewriteText(author.user.id, measure.id, { text: TEXT, summary: "Same words", baseRevision: 1 });
    const { compilation } = await page();
    expect(compilation.revisions).toHaveLength(1);
    expect(compilation.paragraphs[0]).toMatchObject({ id: p1.id, version: p1.version });
  });

  it("refuses a blank line inside a paragraph, and treats an unchanged edit as no edit", async () => {
    const { author, page } = await negotiation();
    const p1 = (await page()).compilation.paragraphs[0]!;
    await expect(editParagraph(author.user.id, p1.id, { text: "One.\n\nTwo.", version: p1.version })).rejects.toThrow(
      "A paragraph cannot contain a blank line: propose a new paragraph for the rest.",
    );
    await editParagraph(author.user.id, p1.id, { text: p1.text, version: p1.version });
    const { compilation } = await page();
    expect(compilation.revisions).toHaveLength(1);
    expect(compilation.paragraphs[0]!.version).toBe(p1.version);
  });

  describe("limits", () => {
    it("refuses a paragraph over 5,000 characters with a clear message", async () => {
      const { author, page } = await negotiation();
      const p1 = (await page()).compilation.paragraphs[0]!;
      await expect(editParagraph(author.user.id, p1.id, { text: "x".repeat(5001), version: p1.version })).rejects.toThrow(
        "Paragraph text must be at most 5,000 characters.",
      );
    });
  });
}
