// Moderation against a real database and a real Socket.IO room: a member reports a comment, the
// chair sees it queued and hides it or dismisses the reports; a hidden comment's words reach only
// the chair and its author, in pages, exports and live events; every step is in the audit log;
// who may do what; bad input; and a hide and a dismiss (or two hides) at once.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError, type z } from "zod";
import { getDb, type Database } from "@/db/client";
import { auditEvents, commentReports, hiddenComments } from "@/db/schema";
import { listAudit } from "@/lib/audit/read";
import { describeAudit } from "@/lib/core/audit-words";
import { DomainError } from "@/lib/core/errors";
import type { ForumEvent } from "@/lib/core/events";
import * as v from "@/lib/core/validation";
import { dismissReports as dismissTyped, hideComment as hideTyped, reportComment as reportTyped } from "@/lib/measure/moderation";
import { getModerationQueue } from "@/lib/measure/moderation-views";
import { getMeasurePage } from "@/lib/measure/page";
import { collect, eventually, joinRoom, withLiveServer } from "./live-server";
import { addMember, newForum, newUser } from "./world";
import { addComment, exportDataset, proposeMeasure, updateForum } from "./edge";

// The domain functions as the routes call them: the body parsed by the route's own schema first.
const report = async (userId: string, commentId: string, body: z.input<typeof v.reportCommentInput>) =>
  reportTyped(userId, commentId, v.reportCommentInput.parse(body));
const hide = async (userId: string, commentId: string, body: z.input<typeof v.hideCommentInput>) =>
  hideTyped(userId, commentId, v.hideCommentInput.parse(body));
const dismiss = async (userId: string, commentId: string, body: z.input<typeof v.dismissReportsInput> = {}) =>
  dismissTyped(userId, commentId, v.dismissReportsInput.parse(body));

/** "ok", or the refusal as `code: message` (a schema's refusal is the route's 422, "invalid"). */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : e instanceof ZodError ? `invalid: ${e.issues[0]?.message}` : String(e)),
  );

const SECRET = "The delegate of Meridia is a *liar* and a spy";

export function moderationSuite(open: () => Promise<Database>) {
  const live = withLiveServer(open);

  /** A forum with a chair, the comment's author, a member who reports it, another member, and the comment. */
  async function room() {
    const { chair, forum } = await newForum();
    const author = await addMember(forum, { camp: "internet_freedom", delegation: "Northland" });
    const reporter = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
    const other = await addMember(forum, { camp: "non_aligned", delegation: "Aurelia", role: "observer" });
    const measure = await proposeMeasure(chair.id, forum.id, { title: "Points of contact", kind: "cbm", text: "Each state names one." });
    const comment = await addComment(author.user.id, measure.id, { body: SECRET, clientId: randomUUID() });
    return { chair, forum, author, reporter, other, measure, comment };
  }

  describe("reporting and hiding", () => {
    it("a report reaches the chair's queue; the hidden comment then shows only its reason to all but the chair and its author", async () => {
      const { chair, forum, author, reporter, other, measure, comment } = await room();
      const watcher = await live.socketAs(other.user.id);
      const seq = await joinRoom(watcher, forum.id);
      const heard = collect(watcher);

      const filed = await report(reporter.user.id, comment.id, { reason: "  A personal attack on a delegate.  " });
      expect(filed).toMatchObject({ commentId: comment.id, delegation: "Meridia", reason: "A personal attack on a delegate.", status: "open" });

      const queue = await getModerationQueue(chair.id, forum.id);
      expect(queue.seq).toBe(seq + 1);
      expect(queue.open).toHaveLength(1);
      expect(queue.open[0]).toMatchObject({ openReports: 1, measure: { id: measure.id, title: "Points of contact" }, settledAt: null });
      expect(queue.open[0]!.comment.html).toContain("liar");
      expect(queue.open[0]!.reports.map((r) => r.reason)).toEqual(["A personal attack on a delegate."]);

      // The reporter's page knows they reported it; the chair's counts it.
      expect((await getMeasurePage(reporter.user.id, measure.id)).moderation.reportedByMe).toEqual([comment.id]);
      expect((await getMeasurePage(chair.id, measure.id)).moderation.openReports).toEqual({ [comment.id]: 1 });
      expect((await getMeasurePage(other.user.id, measure.id)).moderation).toEqual({ reportedByMe: [], openReports: {} });

      const done = await hide(chair.id, comment.id, { reason: "Personal attacks are not allowed." });
      expect(done).toMatchObject({ commentId: comment.id, reportsUpheld: 1, hidden: { reason: "Personal attacks are not allowed.", by: "Chair" } });

      // Everyone sees that it is hidden and why; only the chair and its author read its words.
      for (const [who, reads] of [[chair.id, true], [author.user.id, true], [reporter.user.id, false], [other.user.id, false]] as const) {
        const page = await getMeasurePage(who, measure.id);
        const shown = page.comments.find((c) => c.id === comment.id)!;
        expect(shown.hidden).toMatchObject({ reason: "Personal attacks are not allowed." });
        expect(shown.delegation).toBe("Northland");
        if (reads) expect(shown.html).toContain("liar");
        else {
          expect(shown.html).toBe("");
          // Nowhere in the page's data, the API's answer (GET /api/measures/:id) is this same object.
          expect(JSON.stringify(page)).not.toContain("liar");
        }
      }

      const after = await getModerationQueue(chair.id, forum.id);
      expect(after.open).toEqual([]);
      expect(after.settled[0]).toMatchObject({ comment: { id: comment.id, hidden: { reason: "Personal attacks are not allowed." } }, openReports: 0 });
      expect(after.settled[0]!.reports[0]).toMatchObject({ status: "upheld", resolvedBy: "Chair" });

      // Live: the room heard the report and the hide in order, and never the hidden words.
      await eventually(() => heard.length === 2);
      expect(heard[1]).toMatchObject({ seq: seq + 2, commentId: comment.id, measureId: measure.id, author: "Northland" });
      expect(heard.map((e) => [e.type, e.seq])).toEqual([["comment:moderated", seq + 1], ["comment:moderated", seq + 2]]);
      expect(JSON.stringify(heard)).not.toContain("liar");
    });

    it("exports keep a hidden comment's words for the chair and its author only", async () => {
      const { chair, forum, author, other, comment } = await room();
      await hide(chair.id, comment.id, { reason: "Off topic." });
      const rows = async (userId: string) =>
        (JSON.parse((await exportDataset(userId, forum.id, "comments", { format: "json" })).body) as { rows: Record<string, unknown>[] }).rows;
      expect((await rows(other.user.id)).find((r) => r.id === comment.id)).toMatchObject({ body: null, hidden_reason: "Off topic." });
      expect((await rows(author.user.id)).find((r) => r.id === comment.id)).toMatchObject({ body: SECRET, hidden_reason: "Off topic." });
      expect((await rows(chair.id)).find((r) => r.id === comment.id)).toMatchObject({ body: SECRET });
      const csv = (await exportDataset(other.user.id, forum.id, "comments", { format: "csv" })).body;
      expect(csv).not.toContain("liar");
      expect(csv.split("\r\n")[0]).toContain('"body","hidden_reason"');
    });

    it("every step is in the audit log and the measure's history, with its reason", async () => {
      const { chair, forum, reporter, other, measure, comment } = await room();
      await report(reporter.user.id, comment.id, { reason: "Insulting." });
      await report(other.user.id, comment.id, { reason: "Not about the measure." });
      await dismiss(chair.id, comment.id, { reason: "Robust, but within bounds." });
      await hide(chair.id, comment.id, { reason: "On reflection, a personal attack." });

      const log = (await listAudit(other.user.id, forum.id)).filter((e) => e.action.startsWith("comment."));
      expect(log.map((e) => [e.action, e.actor, e.subject])).toEqual([
        ["comment.hidden", "Chair", "Northland"],
        ["comment.reports_dismissed", "Chair", "Northland"],
        ["comment.reported", "Aurelia", "Northland"],
        ["comment.reported", "Meridia", "Northland"],
        ["comment.added", "Northland", null],
      ]);
      expect(log.slice(0, 4).map(describeAudit)).toEqual([
        "Chair hid a comment by Northland on “Points of contact”: “On reflection, a personal attack.”",
        "Chair dismissed 2 reports on a comment by Northland on “Points of contact”: “Robust, but within bounds.”",
        "Aurelia reported a comment by Northland on “Points of contact” to the chair: “Not about the measure.”",
        "Meridia reported a comment by Northland on “Points of contact” to the chair: “Insulting.”",
      ]);
      // The hidden words are in no entry.
      expect(JSON.stringify(log)).not.toContain("liar");
      const history = (await getMeasurePage(other.user.id, measure.id)).history.map((e) => e.action);
      expect(history.slice(0, 4)).toEqual(["comment.hidden", "comment.reports_dismissed", "comment.reported", "comment.reported"]);
    });

    it("dismissing lets the comment stand and settles its reports; a new member may still report it", async () => {
      const { chair, forum, author, reporter, other, measure, comment } = await room();
      await report(reporter.user.id, comment.id, { reason: "Rude." });
      expect(await dismiss(chair.id, comment.id)).toEqual({ commentId: comment.id, measureId: measure.id, reportsDismissed: 1 });
      expect((await getMeasurePage(other.user.id, measure.id)).comments[0]).toMatchObject({ hidden: null, html: expect.stringContaining("liar") });
      const queue = await getModerationQueue(chair.id, forum.id);
      expect(queue.open).toEqual([]);
      expect(queue.settled[0]!.reports[0]).toMatchObject({ status: "dismissed", resolvedBy: "Chair", note: null });

      expect(await outcome(dismiss(chair.id, comment.id))).toBe("conflict: There is no open report on this comment to dismiss.");
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "Still rude." }))).toBe(
        "conflict: You have already reported this comment, and the chair dismissed the report: a member reports a comment once.",
      );
      expect(await outcome(report(other.user.id, comment.id, { reason: "Rude to me too." }))).toBe("ok");
      expect((await getModerationQueue(chair.id, forum.id)).open).toHaveLength(1);
      expect(author.member.id).toBe(comment.memberId);
    });
  });

  describe("who may do what", () => {
    it("anyone in the forum but its author reports a comment; only the chair hides, dismisses and reads the queue", async () => {
      const { chair, forum, author, reporter, other, comment } = await room();
      const outsider = await newUser("Outsider");
      const member = reporter.user.id;
      expect(await outcome(report(outsider.id, comment.id, { reason: "x" }))).toBe("not_found: Comment was not found.");
      expect(await outcome(report(author.user.id, comment.id, { reason: "x" }))).toMatch(/^forbidden: You cannot report your own comment/);
      expect(await outcome(report(other.user.id, comment.id, { reason: "An observer may report." }))).toBe("ok");
      expect(await outcome(report(member, comment.id, { reason: "A delegate may report." }))).toBe("ok");
      expect(await outcome(report(chair.id, comment.id, { reason: "A co-chair's attention." }))).toBe("ok");

      for (const [who, expected] of [
        [outsider.id, "not_found: Comment was not found."],
        [member, "forbidden: Only the chair can dismiss reports."],
        [author.user.id, "forbidden: Only the chair can dismiss reports."],
      ] as const) {
        expect(await outcome(dismiss(who, comment.id))).toBe(expected);
      }
      for (const [who, expected] of [
        [outsider.id, "not_found: Comment was not found."],
        [member, "forbidden: Only the chair can hide a comment."],
        [author.user.id, "forbidden: Only the chair can hide a comment."],
      ] as const) {
        expect(await outcome(hide(who, comment.id, { reason: "x" }))).toBe(expected);
      }
      for (const [who, expected] of [
        [outsider.id, "not_found: Forum was not found."],
        [member, "forbidden: Only the chair can do this."],
        [author.user.id, "forbidden: Only the chair can do this."],
        [chair.id, "ok"],
      ] as const) {
        expect(await outcome(getModerationQueue(who, forum.id))).toBe(expected);
      }
      expect(await outcome(hide(chair.id, comment.id, { reason: "Upheld." }))).toBe("ok");
      // Refused writes changed nothing: three reports, all upheld by the one hide.
      const rows = await getDb().select().from(commentReports).where(eq(commentReports.commentId, comment.id));
      expect(rows.map((r) => r.status)).toEqual(["upheld", "upheld", "upheld"]);
    });

    it("a comment of another forum is not found, even to a chair", async () => {
      const { comment } = await room();
      const elsewhere = await room();
      expect(await outcome(report(elsewhere.reporter.user.id, comment.id, { reason: "x" }))).toBe("not_found: Comment was not found.");
      expect(await outcome(hide(elsewhere.chair.id, comment.id, { reason: "x" }))).toBe("not_found: Comment was not found.");
      expect(await outcome(report(elsewhere.reporter.user.id, randomUUID(), { reason: "x" }))).toBe("not_found: Comment was not found.");
    });
  });

  describe("bad input and states that refuse", () => {
    it("a reason must be there, short enough, and storable", async () => {
      const { chair, reporter, comment } = await room();
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "   " }))).toBe("invalid: Reason is required.");
      expect(await outcome(report(reporter.user.id, comment.id, {} as never))).toBe("invalid: Reason is required.");
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "x".repeat(1_001) }))).toBe("invalid: Reason must be at most 1,000 characters.");
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "bad\u0000byte" }))).toBe(
        "invalid: Reason contains a character that cannot be stored (a NUL byte or broken Unicode).",
      );
      expect(await outcome(hide(chair.id, comment.id, { reason: "" }))).toBe("invalid: Reason is required.");
      expect(await outcome(dismiss(chair.id, comment.id, { reason: "\ud800" }))).toMatch(/^invalid: Reason contains a character/);
      expect(await getDb().select().from(commentReports).where(eq(commentReports.commentId, comment.id))).toEqual([]);
    });

    it("a member reports a comment once; a hidden comment is hidden once and takes no more reports", async () => {
      const { chair, reporter, other, comment } = await room();
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "Rude." }))).toBe("ok");
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "Very rude." }))).toBe(
        "conflict: You have already reported this comment: your report is with the chair. A member reports a comment once.",
      );
      await hide(chair.id, comment.id, { reason: "Rude." });
      expect(await outcome(hide(chair.id, comment.id, { reason: "Again." }))).toBe("conflict: This comment is already hidden by the chair (“Rude.”).");
      expect(await outcome(report(other.user.id, comment.id, { reason: "Rude." }))).toBe("conflict: This comment is already hidden by the chair (“Rude.”).");
      expect(await outcome(dismiss(chair.id, comment.id))).toBe(
        "conflict: There is no open report on this comment to dismiss: the chair has hidden it (“Rude.”).",
      );
    });

    it("a closed forum takes no moderation, and a draft's comments stay its authors' business", async () => {
      const { chair, forum, author, reporter, comment } = await room();
      await updateForum(chair.id, forum.id, { status: "closed" });
      expect(await outcome(report(reporter.user.id, comment.id, { reason: "x" }))).toMatch(/^conflict: This forum is closed/);
      expect(await outcome(hide(chair.id, comment.id, { reason: "x" }))).toMatch(/^conflict: This forum is closed/);
      await updateForum(chair.id, forum.id, { status: "open" });

      const draft = await proposeMeasure(author.user.id, forum.id, { title: "Draft", kind: "norm", text: "Draft text.", draft: true });
      const note = await addComment(author.user.id, draft.id, { body: "A note to myself.", clientId: randomUUID() });
      expect(await outcome(report(reporter.user.id, note.id, { reason: "x" }))).toBe("not_found: Comment was not found.");
      expect(await outcome(hide(chair.id, note.id, { reason: "x" }))).toBe("not_found: Comment was not found.");
    });
  });

  describe("at the same moment", () => {
    it("a hide and a dismiss leave one consistent outcome, logged as it happened", async () => {
      for (let round = 0; round < 4; round++) {
        const { chair, forum, reporter, other, comment } = await room();
        const coChair = await addMember(forum, { camp: "non_aligned", delegation: "Co-chair", role: "chair" });
        await report(reporter.user.id, comment.id, { reason: "Rude." });
        await report(other.user.id, comment.id, { reason: "Rude." });
        const [hid, dismissed] = await Promise.all([
          outcome(hide(chair.id, comment.id, { reason: "Hidden." })),
          outcome(dismiss(coChair.user.id, comment.id, { reason: "Let it stand." })),
        ]);
        // The hide always succeeds (a chair may hide a comment whose reports were dismissed);
        // the dismiss succeeds only if it came first.
        expect(hid).toBe("ok");
        const statuses = (await getDb().select().from(commentReports).where(eq(commentReports.commentId, comment.id))).map((r) => r.status);
        const log = (await getDb().select().from(auditEvents).where(eq(auditEvents.forumId, forum.id))).map((e) => e.action);
        if (dismissed === "ok") {
          expect(statuses).toEqual(["dismissed", "dismissed"]);
          expect(log.filter((a) => a.startsWith("comment.") && a !== "comment.added" && a !== "comment.reported")).toEqual([
            "comment.reports_dismissed",
            "comment.hidden",
          ]);
        } else {
          expect(dismissed).toMatch(/^conflict: There is no open report on this comment to dismiss: the chair has hidden it/);
          expect(statuses).toEqual(["upheld", "upheld"]);
          expect(log.filter((a) => a === "comment.reports_dismissed")).toEqual([]);
        }
        expect(await getDb().select().from(hiddenComments).where(eq(hiddenComments.commentId, comment.id))).toHaveLength(1);
        expect((await getModerationQueue(chair.id, forum.id)).open).toEqual([]);
      }
    });

    it("two chairs hiding at once: one hide, one reason, one event; the other is told", async () => {
      const { chair, forum, comment } = await room();
      const coChair = await addMember(forum, { camp: "non_aligned", delegation: "Co-chair", role: "chair" });
      const watcher = await live.socketAs(chair.id);
      await joinRoom(watcher, forum.id);
      const heard: ForumEvent[] = collect(watcher);
      const results = await Promise.all([
        outcome(hide(chair.id, comment.id, { reason: "First." })),
        outcome(hide(coChair.user.id, comment.id, { reason: "Second." })),
      ]);
      expect(results.filter((r) => r === "ok")).toHaveLength(1);
      const [stored] = await getDb().select().from(hiddenComments).where(eq(hiddenComments.commentId, comment.id));
      expect(results.find((r) => r !== "ok")).toBe(`conflict: This comment is already hidden by the chair (“${stored!.reason}”).`);
      await eventually(() => heard.some((e) => e.type === "comment:moderated"));
      const log = await getDb().select().from(auditEvents).where(eq(auditEvents.forumId, forum.id));
      expect(log.filter((e) => e.action === "comment.hidden").map((e) => (e.after as { reason: string }).reason)).toEqual([stored!.reason]);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard.filter((e) => e.type === "comment:moderated")).toHaveLength(1);
    });

    it("one member reporting twice at once files one report", async () => {
      const { chair, forum, reporter, comment } = await room();
      const results = await Promise.all([1, 2, 3].map(() => outcome(report(reporter.user.id, comment.id, { reason: "Rude." }))));
      expect(results.filter((r) => r === "ok")).toHaveLength(1);
      expect((await getModerationQueue(chair.id, forum.id)).open[0]!.reports).toHaveLength(1);
    });
  });
}
