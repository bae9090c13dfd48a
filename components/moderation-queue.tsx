"use client";
// The chair's moderation queue: reported comments waiting for a decision, the longest-waiting
// first, each with its reports and the chair's two answers; below, the ones recently settled.
import Link from "next/link";
import { utcMinute } from "@/lib/core/dates";
import type { QueueItem } from "@/lib/measure/moderation-views";
import { CampBadge } from "./camp-badge";
import { ConnectionStatus } from "./connection-status";
import { ChairModeration } from "./moderation-actions";
import { StatusBadge } from "./status-badge";
import { isLive } from "./use-forum-live";
import { useModerationQueue } from "./use-moderation-queue";

export function ModerationQueue({ forumId }: { forumId: string }) {
  const { data, state, reload } = useModerationQueue(forumId);
  // The event of the chair's own answer reloads the queue; without a connection, reload now.
  const done = () => {
    if (!isLive()) void reload();
  };
  return (
    <div className="space-y-8">
      <section aria-labelledby="open-heading" className="space-y-3">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="open-heading" className="font-serif text-xl font-semibold">
            Waiting for the chair {data && <span className="text-base font-normal text-stone-500">({data.open.length})</span>}
          </h2>
          <ConnectionStatus state={state} />
        </div>
        {!data ? (
          <p className="card p-6 text-sm text-stone-400">Loading…</p>
        ) : data.open.length === 0 ? (
          <div className="card p-6 text-center">
            <p className="font-medium">No reports are waiting.</p>
            <p className="mt-1 text-sm text-stone-500">When a member reports a comment, it appears here at once.</p>
          </div>
        ) : (
          <ol className="space-y-4" aria-label="Reported comments">
            {data.open.map((item) => (
              <li key={item.comment.id} className="card overflow-hidden" data-testid="queue-item">
                <ItemHeader forumId={forumId} item={item} />
                <div className="grid gap-5 p-5 md:grid-cols-[3fr_2fr]">
                  <QuotedComment item={item} />
                  <div className="space-y-4">
                    <ReportList item={item} />
                    <ChairModeration commentId={item.comment.id} openReports={item.openReports} onDone={done} />
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      {data && data.settled.length > 0 && (
        <section aria-labelledby="settled-heading" className="space-y-3">
          <div>
            <h2 id="settled-heading" className="font-serif text-xl font-semibold">Recently settled</h2>
            <p className="text-sm text-stone-500">
              The last {data.settled.length} decisions. The <Link className="text-accent hover:underline" href={`/forums/${forumId}/audit`}>audit log</Link> keeps every one.
            </p>
          </div>
          <ul className="card divide-y divide-stone-100" aria-label="Settled reports">
            {data.settled.map((item) => (
              <SettledRow key={item.comment.id} forumId={forumId} item={item} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ItemHeader({ forumId, item }: { forumId: string; item: QueueItem }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-stone-100 bg-stone-50 px-5 py-2.5 text-sm">
      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-semibold text-amber-900">
        {item.openReports} open {item.openReports === 1 ? "report" : "reports"}
      </span>
      <span className="text-stone-500">
        On{" "}
        <Link className="font-medium text-accent hover:underline" href={`/forums/${forumId}/measures/${item.measure.id}`}>
          {item.measure.title}
        </Link>
      </span>
      <StatusBadge status={item.measure.status} />
    </div>
  );
}

function QuotedComment({ item }: { item: QueueItem }) {
  const c = item.comment;
  return (
    <figure>
      <figcaption className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{c.delegation}</span>
        <CampBadge camp={c.camp} />
        <span className="text-stone-500">{c.authorName}</span>
        <time className="ml-auto text-xs text-stone-400" dateTime={c.createdAt}>{utcMinute(c.createdAt)}</time>
      </figcaption>
      <blockquote className="prose-concord mt-2 border-l-4 border-amber-300 bg-amber-50/40 py-1 pr-2 pl-4 text-sm" dangerouslySetInnerHTML={{ __html: c.html }} />
    </figure>
  );
}

function ReportList({ item }: { item: QueueItem }) {
  const open = item.reports.filter((r) => r.status === "open");
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Reported by</h3>
      <ul className="mt-1.5 space-y-2 text-sm" aria-label="Reports">
        {open.map((r) => (
          <li key={r.id}>
            <span className="font-medium">{r.delegation}</span>{" "}
            <time className="text-xs text-stone-400" dateTime={r.createdAt}>{utcMinute(r.createdAt)}</time>
            <p className="text-stone-700">“{r.reason}”</p>
          </li>
        ))}
      </ul>
      {item.reports.length > open.length && (
        <p className="mt-2 text-xs text-stone-500">
          Reported before: {item.reports.length - open.length} {item.reports.length - open.length === 1 ? "report" : "reports"} already dismissed.
        </p>
      )}
    </div>
  );
}

function SettledRow({ forumId, item }: { forumId: string; item: QueueItem }) {
  const { comment, reports } = item;
  const dismissed = reports.filter((r) => r.status === "dismissed");
  const note = dismissed.find((r) => r.note)?.note;
  return (
    <li className="px-5 py-3 text-sm" data-testid="settled-item">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {comment.hidden ? (
          <span className="rounded-full bg-red-50 px-2 py-0.5 text-[11px] font-semibold text-red-800 ring-1 ring-red-200">Hidden</span>
        ) : (
          <span className="rounded-full bg-stone-100 px-2 py-0.5 text-[11px] font-semibold text-stone-700 ring-1 ring-stone-200">Reports dismissed</span>
        )}
        <span>
          Comment by <span className="font-medium">{comment.delegation}</span> on{" "}
          <Link className="text-accent hover:underline" href={`/forums/${forumId}/measures/${item.measure.id}`}>{item.measure.title}</Link>
        </span>
        <span className="text-xs text-stone-500">
          {reports.length === 0 ? "hidden without a report" : `${reports.length} ${reports.length === 1 ? "report" : "reports"}`}
        </span>
        {item.settledAt && (
          <time className="ml-auto text-xs text-stone-400" dateTime={item.settledAt}>{utcMinute(item.settledAt)}</time>
        )}
      </div>
      <p className="mt-1 text-stone-600">
        {comment.hidden ? (
          <>
            Hidden: “{comment.hidden.reason}” <span className="text-xs text-stone-400">— {comment.hidden.by}</span>
          </>
        ) : note ? (
          <>Let stand: “{note}”</>
        ) : (
          <>Let stand, without a note.</>
        )}
      </p>
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-stone-500 hover:text-ink">The comment</summary>
        <div className="prose-concord mt-1 border-l-2 border-stone-200 pl-3 text-sm text-stone-600" dangerouslySetInnerHTML={{ __html: comment.html }} />
      </details>
    </li>
  );
}
