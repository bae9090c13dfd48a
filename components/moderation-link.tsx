"use client";
// The chair's way into the moderation queue from the forum page, with the number of comments
// waiting for a decision, kept live.
import Link from "next/link";
import { useModerationQueue } from "./use-moderation-queue";

export function ModerationLink({ forumId }: { forumId: string }) {
  const { data } = useModerationQueue(forumId);
  const waiting = data?.open.length ?? 0;
  return (
    <Link className="inline-flex items-center gap-1.5 font-semibold text-accent hover:underline" href={`/forums/${forumId}/moderation`}>
      Moderation
      {waiting > 0 && (
        <span className="rounded-full bg-amber-100 px-1.5 text-[11px] font-bold text-amber-900 tabular-nums" data-testid="open-reports">
          {waiting}
          <span className="sr-only"> {waiting === 1 ? "comment" : "comments"} reported</span>
        </span>
      )}
    </Link>
  );
}
