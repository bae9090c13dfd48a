"use client";
// On a measure's page: who has the floor, and a delegation's request to speak on this measure
// (or its place on the list, with a way to withdraw). The chair runs the list from the forum page.
import Link from "next/link";
import type { Role } from "@/lib/core/vocabulary";
import { Countdown } from "./countdown";
import { ordinal, useSpeakers } from "./use-speakers";

export function FloorRequest({ forumId, measureId, me }: { forumId: string; measureId: string; me: { id: string; role: Role } }) {
  const speakers = useSpeakers(forumId);
  const { data } = speakers;
  if (!data) return null;
  const mine = [data.speaker, ...data.queue].find((r) => r?.memberId === me.id);
  const place = mine ? data.queue.findIndex((r) => r.id === mine.id) + 1 : 0;
  const onThis = (id: string | null | undefined) => (id === measureId ? "on this measure" : id ? "on another measure" : "in the general debate");

  return (
    <section aria-labelledby="floor-heading" className="card space-y-2 p-5 text-sm" data-testid="floor-request">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="floor-heading" className="font-serif text-xl font-semibold">The floor</h2>
        <Link className="text-xs text-accent hover:underline" href={`/forums/${forumId}`}>
          Speakers’ list ({data.queue.length} waiting)
        </Link>
      </div>
      <p className="text-stone-600" data-testid="floor-now">
        {data.speaker ? (
          <>
            <strong className="text-ink">{mine?.status === "speaking" ? "You have" : `${data.speaker.delegation} has`}</strong> the floor{" "}
            {onThis(data.speaker.measureId)}
            {data.speaker.endsAt && (
              <>
                {" "}· <Countdown key={data.speaker.endsAt} deadline={data.speaker.endsAt} />
              </>
            )}
          </>
        ) : (
          "Nobody has the floor."
        )}
      </p>
      {mine?.status === "speaking" ? (
        <button type="button" className="btn-secondary w-full" disabled={speakers.pending} onClick={() => speakers.withdraw(mine.id)}>
          Finish speaking
        </button>
      ) : mine ? (
        <div className="flex items-center justify-between gap-2">
          <p data-testid="my-place">
            You are {ordinal(place)} on the list, {onThis(mine.measureId)}.
          </p>
          <button type="button" className="btn-secondary px-2 py-0.5 text-xs" disabled={speakers.pending} onClick={() => speakers.withdraw(mine.id)}>
            Withdraw
          </button>
        </div>
      ) : (
        me.role !== "observer" && (
          <button type="button" className="btn-secondary w-full" disabled={speakers.pending} onClick={() => speakers.requestFloor(measureId)}>
            Request the floor on this measure
          </button>
        )
      )}
      {speakers.error && (
        <p role="alert" className="text-xs text-red-700">
          {speakers.error}
        </p>
      )}
    </section>
  );
}
