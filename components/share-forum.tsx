"use client";
import { useState } from "react";

/** The join code and link a chair reads out or sends to delegations. */
export function ShareForum({ joinCode, origin }: { joinCode: string; origin: string }) {
  const [copied, setCopied] = useState(false);
  const link = `${origin}/join/${joinCode}`;
  return (
    <section aria-label="Invite delegations" className="card w-full p-4 text-sm">
      <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">Join code</p>
      <p className="mt-1 font-mono text-2xl font-semibold tracking-[0.2em]" data-testid="join-code">{joinCode}</p>
      <div className="mt-2 flex items-center gap-2">
        <input aria-label="Join link" readOnly value={link} className="field min-w-0 py-1 font-mono text-xs" />
        <button
          type="button"
          className="btn-secondary shrink-0 px-2 py-1 text-xs"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </section>
  );
}
