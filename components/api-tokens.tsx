"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { utcDay, utcMinute } from "@/lib/core/dates";
import { ActionButton } from "./action-button";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

export function ApiTokens({ initial }: { initial: Token[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const { error, send } = useSubmit();
  async function submit(form: FormData) {
    const sent = await send<{ token: string }>("/api/tokens", "POST", { name: String(form.get("name") ?? "") });
    if (!sent.ok) return;
    setCreated(sent.data.token);
    router.refresh();
  }
  return (
    <div className="mt-4 space-y-4">
      {created && (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p className="font-semibold">Copy your new token now. It will not be shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">{created}</code>
        </div>
      )}
      <form onSubmit={(e) => submitForm(e, submit)} className="flex gap-2" aria-label="New API token">
        <label className="sr-only" htmlFor="token-name">Token name</label>
        <input className="field" id="token-name" name="name" placeholder="What it is for, e.g. “tally export script”" />
        <button className="btn-primary shrink-0" type="submit">Create token</button>
      </form>
      <FormError message={error} />
      {initial.length === 0 ? (
        <p className="text-sm text-stone-500">No tokens.</p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm" aria-label="Your tokens">
          {initial.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                <span className="font-medium">{t.name}</span> <code className="text-stone-500">{t.prefix}…</code>
                <span className="block text-xs text-stone-500">
                  Created {utcDay(t.createdAt)} · {t.lastUsedAt ? `last used ${utcMinute(t.lastUsedAt)}` : "never used"}
                </span>
              </span>
              <ActionButton url={`/api/tokens/${t.id}`} method="DELETE" label="Revoke" variant="danger" confirm={`Revoke “${t.name}”? Scripts using it stop working.`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
