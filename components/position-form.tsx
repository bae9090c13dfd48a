"use client";
import { useState } from "react";
import { limits } from "@/lib/core/limits";
import { stanceLabels, stances, type Stance } from "@/lib/core/vocabulary";
import type { PositionView } from "@/lib/core/views";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";
import { useAfterWrite } from "./after-write";

const selected: Record<Stance, string> = {
  support: "peer-checked:border-stance-support peer-checked:bg-stance-support peer-checked:text-white",
  oppose: "peer-checked:border-stance-oppose peer-checked:bg-stance-oppose peer-checked:text-white",
  abstain: "peer-checked:border-stone-500 peer-checked:bg-stone-500 peer-checked:text-white",
};

export function PositionForm({ measureId, current }: { measureId: string; current?: PositionView }) {
  const afterWrite = useAfterWrite();
  const { pending, error, sendOnce } = useSubmit();
  const [saved, setSaved] = useState(false);

  async function submit(form: FormData) {
    setSaved(false);
    const sent = await sendOnce(`/api/measures/${measureId}/position`, "PUT", (clientId) => ({
      stance: form.get("stance"),
      rationale: String(form.get("rationale") ?? ""),
      clientId,
    }));
    if (!sent.ok) return;
    setSaved(true);
    afterWrite();
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="mt-3 space-y-3" aria-label="Your position">
      {current && (
        <p className="text-sm text-stone-600" data-testid="my-position">
          You said <strong>{stanceLabels[current.stance].toLowerCase()}</strong>. You can change it.
        </p>
      )}
      <fieldset>
        <legend className="sr-only">Stance</legend>
        <div className="grid grid-cols-3 gap-2">
          {stances.map((s) => (
            <label key={s} className="cursor-pointer">
              <input className="peer sr-only" type="radio" name="stance" value={s} defaultChecked={current?.stance === s} required />
              <span className={`block rounded-md border border-stone-300 bg-white py-2 text-center text-sm font-semibold peer-focus-visible:ring-2 peer-focus-visible:ring-accent ${selected[s]}`}>
                {stanceLabels[s]}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label className="label" htmlFor="rationale">Rationale <span className="font-normal text-stone-500">(optional)</span></label>
        <textarea className="field min-h-20" id="rationale" name="rationale" defaultValue={current?.rationale ?? ""} maxLength={limits.rationale} />
      </div>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <button className="btn-primary" type="submit" disabled={pending}>{pending ? "Saving…" : current ? "Update position" : "Record position"}</button>
        {saved && <span role="status" className="text-sm text-stance-support">Position recorded</span>}
      </div>
    </form>
  );
}
