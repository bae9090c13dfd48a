"use client";
import { useState } from "react";
import { ActionButton } from "./action-button";

/** An author invites another delegation of the forum to co-author the measure. */
export function CoauthorInvite({ measureId, candidates }: { measureId: string; candidates: { memberId: string; delegation: string }[] }) {
  const [memberId, setMemberId] = useState(candidates[0]?.memberId ?? "");
  if (candidates.length === 0) return null;
  return (
    <div className="flex flex-wrap items-start gap-2 text-sm">
      <label className="sr-only" htmlFor="coauthor">Invite a co-author</label>
      <select id="coauthor" className="field w-auto py-1.5" value={memberId} onChange={(e) => setMemberId(e.target.value)}>
        {candidates.map((c) => (
          <option key={c.memberId} value={c.memberId}>{c.delegation}</option>
        ))}
      </select>
      <ActionButton url={`/api/measures/${measureId}/coauthors`} body={{ memberId }} label="Invite as co-author" />
    </div>
  );
}
