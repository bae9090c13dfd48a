"use client";
// The speakers' list on the forum page: who has the floor (with the time left), who is waiting,
// and the controls of the chair (give the floor, next speaker, end the turn, remove) and of a
// delegation (request the floor, withdraw, finish speaking).
import { useState } from "react";
import Link from "next/link";
import type { Role } from "@/lib/core/vocabulary";
import { CampBadge } from "./camp-badge";
import { Countdown } from "./countdown";
import { ordinal, useSpeakers } from "./use-speakers";
import { type FloorRequestView } from "@/lib/core/views";

const speakingTimes: { seconds: number | null; label: string }[] = [
  { seconds: 60, label: "1 min" },
  { seconds: 120, label: "2 min" },
  { seconds: 180, label: "3 min" },
  { seconds: 300, label: "5 min" },
  { seconds: null, label: "No limit" },
];

const small = "btn-secondary px-2 py-0.5 text-xs";

function Topic({ forumId, request }: { forumId: string; request: FloorRequestView }) {
  if (!request.measureId) return <>General debate</>;
  return (
    <>
      On{" "}
      <Link className="text-accent hover:underline" href={`/forums/${forumId}/measures/${request.measureId}`}>
        {request.measureTitle}
      </Link>
    </>
  );
}

export function SpeakersList({ forumId, me }: { forumId: string; me: { id: string; role: Role } }) {
  const speakers = useSpeakers(forumId);
  const [seconds, setSeconds] = useState<number | null>(180);
  const { data } = speakers;
  const chair = me.role === "chair";
  const mine = data && [data.speaker, ...data.queue].find((r) => r?.memberId === me.id);
  const myPlace = data && mine ? data.queue.findIndex((r) => r.id === mine.id) + 1 : 0;

  return (
    <section aria-labelledby="speakers-heading" className="card space-y-3 p-3" data-testid="speakers-list">
      <div className="flex items-baseline justify-between">
        <h2 id="speakers-heading" className="font-serif text-lg font-semibold">Speakers’ list</h2>
        {data && <span className="text-xs text-stone-500">{data.queue.length} waiting</span>}
      </div>

      {!data ? (
        <p className="text-sm text-stone-400">Loading…</p>
      ) : data.speaker ? (
        <div className="rounded-md border border-accent/20 bg-accent/5 p-2" data-testid="current-speaker">
          <p className="text-[11px] font-semibold uppercase tracking-wide text-accent">Has the floor</p>
          <p className="mt-0.5 flex items-center gap-2">
            <span className="font-medium">{data.speaker.delegation}</span>
            <CampBadge camp={data.speaker.camp} compact />
          </p>
          <p className="text-xs text-stone-500">
            <Topic forumId={forumId} request={data.speaker} />
          </p>
          {data.speaker.endsAt && (
            <p className="mt-1 text-sm">
              Time left <Countdown key={data.speaker.endsAt} deadline={data.speaker.endsAt} />
            </p>
          )}
          {(chair || data.speaker.memberId === me.id) && (
            <div className="mt-2">
              <button
                type="button"
                className={small}
                disabled={speakers.pending}
                onClick={() => (chair ? speakers.endTurn() : speakers.withdraw(data.speaker!.id))}
              >
                {chair ? "End turn" : "Finish speaking"}
              </button>
            </div>
          )}
        </div>
      ) : (
        <p className="text-sm text-stone-500" data-testid="current-speaker">
          Nobody has the floor.
          {data.lastTurn?.timeUp && <> {data.lastTurn.delegation}’s speaking time ran out.</>}
        </p>
      )}

      {data && data.queue.length > 0 && (
        <ol aria-label="Waiting for the floor" className="space-y-1.5 text-sm">
          {data.queue.map((r, i) => (
            <li key={r.id} className="flex items-start gap-2" data-delegation={r.delegation}>
              <span className="w-5 shrink-0 text-right text-xs leading-5 text-stone-400 tabular-nums">{i + 1}.</span>
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-1.5">
                  <span className="truncate font-medium">{r.delegation}</span>
                  <CampBadge camp={r.camp} compact />
                </p>
                <p className="truncate text-xs text-stone-500">
                  <Topic forumId={forumId} request={r} />
                </p>
              </div>
              {chair && (
                <button type="button" className={small} disabled={speakers.pending} onClick={() => speakers.giveFloor(seconds, r.id)} aria-label={`Give the floor to ${r.delegation}`}>
                  Floor
                </button>
              )}
              {(chair || r.memberId === me.id) && (
                <button
                  type="button"
                  className={small}
                  disabled={speakers.pending}
                  onClick={() => speakers.withdraw(r.id)}
                  aria-label={r.memberId === me.id ? "Withdraw my request" : `Remove ${r.delegation} from the list`}
                >
                  {r.memberId === me.id ? "Withdraw" : "Remove"}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}

      {data && chair && data.queue.length > 0 && (
        <div className="flex items-center gap-2 border-t border-stone-100 pt-2">
          <select
            aria-label="Speaking time"
            className="field w-auto py-1 text-xs"
            value={seconds ?? ""}
            onChange={(e) => setSeconds(e.target.value ? Number(e.target.value) : null)}
          >
            {speakingTimes.map((t) => (
              <option key={t.label} value={t.seconds ?? ""}>
                {t.label}
              </option>
            ))}
          </select>
          <button type="button" className="btn-primary px-3 py-1 text-xs" disabled={speakers.pending} onClick={() => speakers.giveFloor(seconds)}>
            Next speaker
          </button>
        </div>
      )}

      {data && me.role !== "observer" && !mine && (
        <button type="button" className="btn-secondary w-full py-1.5 text-sm" disabled={speakers.pending} onClick={() => speakers.requestFloor(null)}>
          Request the floor
        </button>
      )}
      {myPlace > 0 && (
        <p className="text-sm text-stone-600" data-testid="my-place">
          You are {ordinal(myPlace)} on the list.
        </p>
      )}
      {speakers.error && (
        <p role="alert" className="text-xs text-red-700">
          {speakers.error}
        </p>
      )}
    </section>
  );
}
