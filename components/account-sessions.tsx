"use client";
import { signOut } from "next-auth/react";
import { utcMinute } from "@/lib/core/dates";
import { FormError } from "./form-error";
import { useSubmit } from "./use-submit";

type Session = { id: string; createdAt: string; lastSeenAt: string; current: boolean };

export function AccountSessions({ sessions }: { sessions: Session[] }) {
  const { pending, error, send } = useSubmit({ holdOnSuccess: true });

  async function signOutEverywhere() {
    if (!window.confirm("Sign out of Concord in every browser, this one included?")) return;
    const sent = await send("/api/account/sessions", "DELETE", {});
    // Every session has ended on the server; this clears this browser's cookie and leaves.
    if (sent.ok) await signOut({ callbackUrl: "/signin" });
  }

  return (
    <div className="mt-4 space-y-4">
      <ul className="divide-y divide-stone-100 text-sm" aria-label="Your sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-3 py-2">
            <span>
              <span className="font-medium">Signed in {utcMinute(s.createdAt)}</span>
              <span className="block text-xs text-stone-500">Last active {utcMinute(s.lastSeenAt)}</span>
            </span>
            {s.current && <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">This browser</span>}
          </li>
        ))}
      </ul>
      <FormError message={error} />
      <button type="button" className="btn border border-red-300 bg-white text-red-700 hover:bg-red-50" disabled={pending} onClick={() => void signOutEverywhere()}>
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
    </div>
  );
}
