// Moderation as every page applies it: who may still read a hidden comment's words, and what a
// moderation event does to the comments a page shows. Pure, so the measure page runs it in the
// browser on the events it hears.
import type { HeardEntry } from "./audit-words";
import type { CommentView, HiddenMark, ReportView } from "./views";
import type { Role } from "./vocabulary";

/** The member looking: their membership id and role. */
export type Viewer = { id: string; role: Role };

/** What happened to a comment, as the live event tells the room. Never carries the comment's words. */
export type ModerationStep =
  | { kind: "reported"; report: ReportView }
  | { kind: "hidden"; hidden: HiddenMark; reports: number }
  | { kind: "dismissed"; by: string; at: string; reason: string; reports: number };

/** The viewer's own part in moderation on a measure page. */
export type CommentModeration = {
  /** The comments this viewer has reported (a member reports a comment once). */
  reportedByMe: string[];
  /** For the chair: how many open reports each reported comment has. Empty for everyone else. */
  openReports: Record<string, number>;
};

export const noModeration: CommentModeration = { reportedByMe: [], openReports: {} };

/** The chair and the comment's author still read a hidden comment; everyone else sees only why it is hidden. */
export const mayReadHidden = (viewer: Viewer, authorMemberId: string) => viewer.role === "chair" || viewer.id === authorMemberId;

/** The comment as `viewer` may see it, once hidden with `hidden`. */
export function hiddenFor(comment: CommentView, hidden: HiddenMark, viewer: Viewer): CommentView {
  return { ...comment, hidden, html: mayReadHidden(viewer, comment.memberId) ? comment.html : "" };
}

type Shown = { comments: CommentView[]; moderation: CommentModeration };

/** A page's comments and the viewer's moderation after a `comment:moderated` event. */
export function applyModeration(shown: Shown, commentId: string, step: ModerationStep, viewer: Viewer): Shown {
  const { comments, moderation } = shown;
  const { [commentId]: open = 0, ...otherOpen } = moderation.openReports;
  switch (step.kind) {
    case "reported":
      return {
        comments,
        moderation: {
          reportedByMe:
            step.report.memberId === viewer.id && !moderation.reportedByMe.includes(commentId)
              ? [...moderation.reportedByMe, commentId]
              : moderation.reportedByMe,
          openReports: viewer.role === "chair" ? { ...otherOpen, [commentId]: open + 1 } : moderation.openReports,
        },
      };
    case "hidden":
      return {
        comments: comments.map((c) => (c.id === commentId ? hiddenFor(c, step.hidden, viewer) : c)),
        moderation: { ...moderation, openReports: otherOpen },
      };
    case "dismissed":
      return { comments, moderation: { ...moderation, openReports: otherOpen } };
  }
}

/** The audit entry the log holds for a moderation step heard live (lib/measure/moderation.ts writes it). */
export function heardModeration(commentId: string, author: string, step: ModerationStep): HeardEntry {
  switch (step.kind) {
    case "reported":
      return {
        at: step.report.createdAt,
        actor: step.report.delegation,
        subject: author,
        action: "comment.reported",
        before: null,
        after: { commentId, reason: step.report.reason },
      };
    case "hidden":
      return {
        at: step.hidden.at,
        actor: step.hidden.by,
        subject: author,
        action: "comment.hidden",
        before: null,
        after: { commentId, reason: step.hidden.reason, reports: step.reports },
      };
    case "dismissed":
      return {
        at: step.at,
        actor: step.by,
        subject: author,
        action: "comment.reports_dismissed",
        before: null,
        after: { commentId, reason: step.reason, reports: step.reports },
      };
  }
}
