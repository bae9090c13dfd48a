// What a `comment:moderated` event does to a measure page (components/measure-live.ts and
// lib/core/moderation.ts): the hidden words leave every page but the chair's and the author's,
// the chair's counts of open reports follow, and the History tells each step.
import { describe, expect, it } from "vitest";
import { measureLiveReducer, type MeasureLive } from "@/components/measure-live";
import { describeAudit } from "@/lib/core/audit-words";
import type { ForumEvent } from "@/lib/core/events";
import { noModeration, type ModerationStep, type Viewer } from "@/lib/core/moderation";
import { emptyTally } from "@/lib/core/tallies";
import type { CommentView } from "@/lib/core/views";

const comment: CommentView = {
  id: "c1",
  measureId: "x",
  memberId: "author",
  camp: "internet_freedom",
  stakeholderGroup: "state",
  createdAt: "2026-11-27T10:00:00.000Z",
  html: "<p>Unkind words</p>",
  delegation: "Northland",
  authorName: "Nora North",
  hidden: null,
};

const start = (): MeasureLive => ({ source: {}, tally: emptyTally(), positions: [], comments: [comment], moderation: noModeration, history: [], lastLiveId: 0 });

const event = (step: ModerationStep): Extract<ForumEvent, { type: "comment:moderated" }> => ({
  type: "comment:moderated",
  forumId: "f",
  seq: 7,
  measureId: "x",
  commentId: "c1",
  author: "Northland",
  step,
});

const reported = (memberId: string) =>
  event({
    kind: "reported",
    report: { id: `r-${memberId}`, commentId: "c1", memberId, delegation: "Meridia", reason: "Rude.", status: "open", createdAt: "2026-11-27T10:01:00.000Z", resolvedAt: null, resolvedBy: null, note: null },
  });
const hidden = event({ kind: "hidden", hidden: { reason: "A personal attack.", at: "2026-11-27T10:02:00.000Z", by: "Chair" }, reports: 1 });
const dismissed = event({ kind: "dismissed", by: "Chair", at: "2026-11-27T10:02:00.000Z", reason: "", reports: 2 });

const chair: Viewer = { id: "chair", role: "chair" };
const author: Viewer = { id: "author", role: "delegate" };
const other: Viewer = { id: "other", role: "observer" };
const reporter: Viewer = { id: "reporter", role: "delegate" };

const run = (viewer: Viewer, ...events: ReturnType<typeof event>[]) =>
  events.reduce((state, e) => measureLiveReducer(state, { type: "moderated", event: e, viewer }), start());

describe("moderation heard live on a measure page", () => {
  it("a hidden comment keeps its words for the chair and its author, and loses them for everyone else", () => {
    for (const [viewer, words] of [[chair, "<p>Unkind words</p>"], [author, "<p>Unkind words</p>"], [other, ""], [reporter, ""]] as const) {
      const [shown] = run(viewer, hidden).comments;
      expect(shown).toMatchObject({ id: "c1", html: words, hidden: { reason: "A personal attack.", by: "Chair" } });
    }
  });

  it("counts open reports for the chair only, and marks the reporter's own", () => {
    expect(run(chair, reported("reporter"), reported("other")).moderation).toEqual({ reportedByMe: [], openReports: { c1: 2 } });
    expect(run(reporter, reported("reporter"), reported("other")).moderation).toEqual({ reportedByMe: ["c1"], openReports: {} });
    expect(run(other, reported("reporter")).moderation).toEqual(noModeration);
    expect(run(chair, reported("reporter"), dismissed).moderation.openReports).toEqual({});
    expect(run(chair, reported("reporter"), hidden).moderation.openReports).toEqual({});
  });

  it("tells each step in the History, newest first", () => {
    const state = run(other, reported("reporter"), dismissed, hidden);
    expect(state.history.map((h) => describeAudit(h))).toEqual([
      "Chair hid a comment by Northland: “A personal attack.”",
      "Chair dismissed 2 reports on a comment by Northland",
      "Meridia reported a comment by Northland to the chair: “Rude.”",
    ]);
  });
});
