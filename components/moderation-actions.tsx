"use client";
// The forms of moderation, on the measure page and in the chair's queue alike: a member reports a
// comment with a reason; the chair hides it with a reason everyone will read, or dismisses its
// reports. Each opens in place and shows the server's refusal next to it.
import { useState } from "react";
import { limits } from "@/lib/core/limits";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

type ReasonFormProps = {
  url: string;
  id: string;
  /** The form's own name, for assistive technology; `label` names its reason field. */
  name: string;
  label: string;
  hint: string;
  submit: string;
  pending: string;
  /** Dismissing may go without a reason. */
  optional?: boolean;
  danger?: boolean;
  onCancel(): void;
  onDone(): void;
};

function ReasonForm(props: ReasonFormProps) {
  const { pending, error, send } = useSubmit();
  async function run(form: FormData) {
    const sent = await send(props.url, "POST", { reason: String(form.get("reason") ?? "") });
    if (sent.ok) props.onDone();
  }
  return (
    <form onSubmit={(e) => submitForm(e, run)} className="mt-2 space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3" aria-label={props.name}>
      <label className="label" htmlFor={props.id}>{props.label}</label>
      <textarea
        className="field min-h-16"
        id={props.id}
        name="reason"
        required={!props.optional}
        maxLength={limits.moderationReason}
        aria-describedby={`${props.id}-hint`}
        autoFocus
      />
      <p id={`${props.id}-hint`} className="text-xs text-stone-500">{props.hint}</p>
      <FormError message={error} />
      <div className="flex gap-2">
        <button
          className={props.danger ? "btn border border-red-700 bg-red-700 text-white hover:bg-red-800" : "btn-primary"}
          type="submit"
          disabled={pending}
        >
          {pending ? props.pending : props.submit}
        </button>
        <button className="btn-secondary" type="button" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}

const linkButton = "text-xs font-medium text-stone-500 underline-offset-2 hover:text-ink hover:underline";

/** A member's "Report" link, opening the reason form in place. */
export function ReportComment({ commentId, onDone }: { commentId: string; onDone(): void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className={linkButton} onClick={() => setOpen(true)}>
        Report to the chair
      </button>
    );
  }
  return (
    <ReasonForm
      url={`/api/comments/${commentId}/reports`}
      id={`report-${commentId}`}
      name="Report this comment"
      label="Why should the chair look at this comment?"
      hint="Only the chair acts on reports. Your report and its reason are recorded in the forum's audit log."
      submit="Send report"
      pending="Sending…"
      onCancel={() => setOpen(false)}
      onDone={() => {
        setOpen(false);
        onDone();
      }}
    />
  );
}

/**
 * The chair's "Hide" and "Dismiss reports" buttons, each opening its form in place: buttons in the
 * queue, quiet links under each comment of a measure page (`inline`).
 */
export function ChairModeration({ commentId, openReports, onDone, inline = false }: { commentId: string; openReports: number; onDone(): void; inline?: boolean }) {
  const [form, setForm] = useState<"hide" | "dismiss" | null>(null);
  const close = () => setForm(null);
  const done = () => {
    setForm(null);
    onDone();
  };
  return (
    <div>
      {form === null && (
        <div className={inline ? "flex flex-wrap gap-3" : "flex flex-wrap gap-2"}>
          <button
            type="button"
            className={inline ? `${linkButton} hover:text-red-700` : "btn border border-red-300 bg-white px-3 py-1 text-xs text-red-700 hover:bg-red-50"}
            onClick={() => setForm("hide")}
          >
            Hide…
          </button>
          {openReports > 0 && (
            <button type="button" className={inline ? linkButton : "btn-secondary px-3 py-1 text-xs"} onClick={() => setForm("dismiss")}>
              Dismiss {openReports === 1 ? "report" : "reports"}…
            </button>
          )}
        </div>
      )}
      {form === "hide" && (
        <ReasonForm
          url={`/api/comments/${commentId}/hide`}
          id={`hide-${commentId}`}
          name="Hide this comment"
          label="Reason for hiding, shown to everyone in its place"
          hint="Everyone will see “Hidden by the chair:” and this reason; only you and the comment’s author keep reading its words."
          submit="Hide comment"
          pending="Hiding…"
          danger
          onCancel={close}
          onDone={done}
        />
      )}
      {form === "dismiss" && (
        <ReasonForm
          url={`/api/comments/${commentId}/dismiss`}
          id={`dismiss-${commentId}`}
          name="Dismiss the reports"
          label="Reason for letting it stand (optional)"
          hint="The comment stays as it is. The dismissal and its reason go to the audit log."
          submit="Dismiss"
          pending="Dismissing…"
          optional
          onCancel={close}
          onDone={done}
        />
      )}
    </div>
  );
}
