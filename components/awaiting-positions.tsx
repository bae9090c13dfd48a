// The dashboard's list of measures in decision and the members each is still waiting for.
import Link from "next/link";
import { utcMinute } from "@/lib/core/dates";
import { ruleLabels } from "@/lib/core/decision-rules";
import type { AwaitedMeasure } from "@/lib/core/participation";
import { CampBadge } from "./camp-badge";

export function AwaitingPositions({ forumId, measures }: { forumId: string; measures: AwaitedMeasure[] }) {
  return (
    <section aria-labelledby="awaiting-heading" className="card p-5" data-testid="awaiting">
      <h2 id="awaiting-heading" className="font-serif text-xl font-semibold">Waiting for positions</h2>
      <p className="text-sm text-stone-500">
        Measures in decision and the members who can take a position but have not yet. A silence procedure needs no positions and is not listed.
      </p>
      {measures.length === 0 ? (
        <p className="mt-3 text-sm text-stone-500">No decision is waiting for positions.</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-100">
          {measures.map((m) => (
            <li key={m.id} className="py-3" data-measure-id={m.id}>
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <Link className="font-medium hover:text-accent hover:underline" href={`/forums/${forumId}/measures/${m.id}`}>
                  {m.title}
                </Link>
                <span className="text-xs text-stone-500">
                  {ruleLabels[m.rule]}
                  {m.deadline && <> · closes {utcMinute(m.deadline)}</>} ·{" "}
                  <span data-testid="taken">
                    {m.taken} of {m.taken + m.awaiting.length}
                  </span>{" "}
                  have taken a position
                </span>
              </p>
              {m.awaiting.length === 0 ? (
                <p className="mt-1 text-sm text-stone-600">Everyone has taken a position.</p>
              ) : (
                <ul className="mt-1.5 flex flex-wrap gap-2" aria-label={`Yet to take a position on ${m.title}`}>
                  {m.awaiting.map((a) => (
                    <li key={a.id} className="inline-flex items-center gap-1.5 rounded-full bg-stone-100 py-0.5 pr-2.5 pl-1 text-sm" data-delegation={a.delegation}>
                      <CampBadge camp={a.camp} compact />
                      {a.delegation}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
