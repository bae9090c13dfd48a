"use client";
// A comment's words as the viewer may read them, and what the viewer may do about them: hidden
// comments show the chair's reason in their place (their words only to the chair and the author);
// members report, the chair hides or dismisses.
import Link from "next/link";
import type { CommentModeration } from "@/lib/core/moderation";
import type { Role } from "@/lib/core/vocabulary";
import type { CommentView, HiddenMark } from "@/lib/core/views";
import { useAfterWrite } from "./after-write";
import { ChairModeration, ReportComment } from "./moderation-actions";

type Props = {
  comment: CommentView;
  me: { id: string; role: Role };
  moderation: CommentModeration;
  forumId: string;
  /** Reports and hides are taken while the forum is open and the measure is not a draft. */
  canModerate: boolean;
};

export function ModeratedComment({ comment, me, moderation, forumId, canModerate }: Props) {
  const afterWrite = useAfterWrite();
  const openReports = moderation.openReports[comment.id] ?? 0;
  const mine = comment.memberId === me.id;
  return (
    <>
      {comment.hidden ? (
        <HiddenComment hidden={comment.hidden} html={comment.html} readerIsAuthor={mine && me.role !== "chair"} />
      ) : (
        <div className="prose-concord mt-1 text-sm" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {canModerate && !comment.hidden && (
        <div className="mt-1.5 flex flex-wrap items-center gap-3">
          {me.role === "chair" ? (
            <>
              {openReports > 0 && (
                <Link
                  href={`/forums/${forumId}/moderation`}
                  className="rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-semibold text-amber-900 hover:bg-amber-200"
                >
                  {openReports} open {openReports === 1 ? "report" : "reports"}
                </Link>
              )}
              <ChairModeration commentId={comment.id} openReports={openReports} onDone={() => afterWrite()} inline />
            </>
          ) : moderation.reportedByMe.includes(comment.id) ? (
            <span className="text-xs text-stone-500">✓ You reported this comment to the chair</span>
          ) : (
            !mine && <ReportComment commentId={comment.id} onDone={() => afterWrite()} />
          )}
        </div>
      )}
    </>
  );
}

/** "Hidden by the chair: <reason>" for everyone; below it, for the chair and the author, the words. */
export function HiddenComment({ hidden, html, readerIsAuthor }: { hidden: HiddenMark; html: string; readerIsAuthor: boolean }) {
  return (
    <div className="mt-1 rounded-md border border-stone-200 bg-stone-50 px-3 py-2 text-sm" data-testid="hidden-comment">
      <p className="text-stone-700">
        <span aria-hidden className="mr-1.5 inline-block rounded bg-stone-200 px-1.5 text-[10px] font-bold uppercase tracking-wide text-stone-600">
          Hidden
        </span>
        <span className="italic">Hidden by the chair: {hidden.reason}</span>
      </p>
      {html && (
        <div className="mt-2 border-t border-dashed border-stone-300 pt-2">
          <p className="text-[11px] font-semibold uppercase tracking-wide text-stone-500">
            {readerIsAuthor ? "Your words, seen only by you and the chair" : "Its words, seen only by the chair and its author"}
          </p>
          <div className="prose-concord mt-1 text-sm text-stone-500" dangerouslySetInnerHTML={{ __html: html }} />
        </div>
      )}
    </div>
  );
}
