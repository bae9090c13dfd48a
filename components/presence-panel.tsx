"use client";
// Who is in the room now, counted by the server across instances and tabs: the total, per camp
// and per stakeholder group, and the delegations present.
import { campLabels, camps, stakeholderGroupLabels, stakeholderGroups } from "@/lib/core/vocabulary";
import type { MemberView } from "@/lib/core/views";
import { CampBadge } from "./camp-badge";
import { usePresence } from "./use-forum-live";

const SHOWN = 12;

export function PresencePanel({ forumId, members }: { forumId: string; members: MemberView[] }) {
  const presence = usePresence(forumId);
  const present = new Set(presence?.memberIds ?? []);
  const names = members.filter((m) => present.has(m.id)).map((m) => m.delegation);

  return (
    <section aria-labelledby="presence-heading" className="card p-3" data-testid="presence">
      <div className="flex items-baseline justify-between">
        <h2 id="presence-heading" className="font-serif text-lg font-semibold">In the room</h2>
        <span className="text-sm font-semibold tabular-nums" data-testid="presence-total">
          {presence ? presence.total : "–"}
        </span>
      </div>
      {presence && (
        <>
          <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1" aria-label="Present by camp">
            {camps.map((camp) => (
              <li key={camp} className="flex items-center gap-1 text-sm tabular-nums" aria-label={`${campLabels[camp]}: ${presence.byCamp[camp]} present`}>
                <CampBadge camp={camp} compact />
                {presence.byCamp[camp]}
              </li>
            ))}
          </ul>
          {presence.listed && names.length > 0 && (
            <p className="mt-2 text-xs leading-relaxed text-stone-600" data-testid="present-delegations">
              {names.slice(0, SHOWN).join(", ")}
              {names.length > SHOWN && ` and ${names.length - SHOWN} more`}
            </p>
          )}
          <details className="mt-2 text-xs text-stone-600">
            <summary className="cursor-pointer">By stakeholder group</summary>
            <ul className="mt-1 space-y-0.5" aria-label="Present by stakeholder group">
              {stakeholderGroups
                .filter((g) => presence.byGroup[g] > 0)
                .map((g) => (
                  <li key={g} className="flex justify-between gap-2">
                    <span>{stakeholderGroupLabels[g]}</span>
                    <span className="tabular-nums">{presence.byGroup[g]}</span>
                  </li>
                ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
