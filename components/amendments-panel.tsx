"use client";
// Amendments: proposals to replace the whole text, accepted by the authors or the chair (making a
// revision) or rejected with a reason.
import { useState } from "react";
import { limits } from "@/lib/core/limits";
import { ActionButton } from "./action-button";
import { useAfterWrite } from "./after-write";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";
import { type Compilation } from "@/lib/text/compilation";

type Amendment = Compilation["amendments"][number];

export function AmendmentsPanel(props: { measureId: string; amendments: Amendment[]; canPropose: boolean; canDecide: boolean; editable: boolean }) {
  const [open, setOpen] = useState(false);
  const { error, send } = useSubmit();
  const afterWrite = useAfterWrite();
  async function propose(form: FormData) {
    const sent = await send(`/api/measures/${props.measureId}/amendments`, "POST", {
      text: String(form.get("text") ?? ""),
      rationale: String(form.get("rationale") ?? ""),
    });
    if (!sent.ok) return;
    setOpen(false);
    afterWrite();
  }
  if (props.amendments.length === 0 && !(props.canPropose && props.editable)) return null;
  return (
    <section aria-labelledby="amendments-heading" className="card space-y-3 p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="amendments-heading" className="font-serif text-xl font-semibold">Amendments</h2>
        {props.canPropose && props.editable && !open && (
          <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>Propose an amendment</button>
        )}
      </div>
      {open && (
        <form onSubmit={(e) => submitForm(e, propose)} className="space-y-2" aria-label="Propose an amendment">
          <label className="label" htmlFor="amendment-text">Replacement text (the whole measure)</label>
          <textarea className="field min-h-32 font-serif" id="amendment-text" name="text" />
          <label className="label" htmlFor="amendment-rationale">Rationale</label>
          <input className="field" id="amendment-rationale" name="rationale" maxLength={limits.rationale} />
          <FormError message={error} />
          <div className="flex gap-2">
            <button className="btn-primary" type="submit">Propose</button>
            <button className="btn-secondary" type="button" onClick={() => setOpen(false)}>Cancel</button>
          </div>
        </form>
      )}
      <ul className="space-y-3" aria-label="Amendments">
        {props.amendments.map((a) => (
          <li key={a.id} className="rounded-md border border-stone-200 p-3 text-sm">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">
              By {a.proposedBy} · {a.status}
              {a.decisionReason && <span className="normal-case tracking-normal"> — “{a.decisionReason}”</span>}
            </p>
            <div className="prose-concord mt-1 font-serif" dangerouslySetInnerHTML={{ __html: a.html }} />
            <p className="mt-1 text-stone-600">Rationale: “{a.rationale}”</p>
            {a.status === "open" && props.canDecide && props.editable && <DecideAmendment id={a.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecideAmendment({ id }: { id: string }) {
  const [rejecting, setRejecting] = useState(false);
  const { error, send } = useSubmit();
  const afterWrite = useAfterWrite();
  async function reject(form: FormData) {
    const sent = await send(`/api/amendments/${id}/reject`, "POST", { reason: String(form.get("reason") ?? "") });
    if (sent.ok) afterWrite();
  }
  return (
    <div className="mt-2 space-y-2">
      <div className="flex gap-2">
        <ActionButton url={`/api/amendments/${id}/accept`} label="Accept" variant="primary" confirm="Accept this amendment? Its text replaces the whole measure." />
        <button type="button" className="btn-secondary" onClick={() => setRejecting(true)}>Reject…</button>
      </div>
      {rejecting && (
        <form onSubmit={(e) => submitForm(e, reject)} className="flex gap-2" aria-label="Reject the amendment">
          <label className="sr-only" htmlFor={`reject-${id}`}>Reason for rejecting</label>
          <input className="field" id={`reject-${id}`} name="reason" placeholder="Reason" />
          <button className="btn-secondary" type="submit">Reject</button>
        </form>
      )}
      <FormError message={error} />
    </div>
  );
}
