"use client";
import { useState } from "react";
import { limits } from "@/lib/core/limits";
import { measureCategories, measureCategoryLabels, measureKindLabels, measureKinds } from "@/lib/core/vocabulary";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";
import { useAfterWrite } from "./after-write";

export function ProposeMeasureForm({ forumId }: { forumId: string }) {
  const afterWrite = useAfterWrite();
  const [open, setOpen] = useState(false);
  const { pending, error, send } = useSubmit();

  if (!open) {
    return (
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        Propose a measure
      </button>
    );
  }

  async function submit(form: FormData) {
    const draft = form.get("draft") === "on";
    const sent = await send(`/api/forums/${forumId}/measures`, "POST", {
      title: String(form.get("title") ?? ""),
      kind: String(form.get("kind") ?? ""),
      category: String(form.get("category") ?? "other"),
      text: String(form.get("text") ?? ""),
      draft,
    });
    if (!sent.ok) return;
    setOpen(false);
    // A draft is announced to nobody, this page included.
    afterWrite(!draft);
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="card space-y-4 p-5" aria-label="Propose a measure">
      <h3 className="font-semibold">Propose a measure</h3>
      <div>
        <label className="label" htmlFor="measure-title">Title</label>
        <input className="field" id="measure-title" name="title" maxLength={limits.measureTitle} required />
      </div>
      <fieldset>
        <legend className="label">Kind</legend>
        <div className="flex gap-4 text-sm">
          {measureKinds.map((k, i) => (
            <label key={k} className="inline-flex items-center gap-2">
              <input type="radio" name="kind" value={k} defaultChecked={i === 0} />
              {measureKindLabels[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label className="label" htmlFor="measure-category">Category</label>
        <select className="field" id="measure-category" name="category" defaultValue="other">
          {measureCategories.map((c) => (
            <option key={c} value={c}>{measureCategoryLabels[c]}</option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="measure-text">Text</label>
        <textarea className="field min-h-40 font-mono" id="measure-text" name="text" required />
        <p className="mt-1 text-xs text-stone-500">Markdown: **bold**, *italic*, lists, links. Up to {limits.measureText.toLocaleString("en")} characters.</p>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="draft" />
        Save as a draft, visible only to its authors until they submit it for discussion
      </label>
      <FormError message={error} />
      <div className="flex gap-2">
        <button className="btn-primary" type="submit" disabled={pending}>{pending ? "Proposing…" : "Propose"}</button>
        <button className="btn-secondary" type="button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
