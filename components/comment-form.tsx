"use client";
import { useRef } from "react";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";
import { useAfterWrite } from "./after-write";

export function CommentForm({ measureId }: { measureId: string }) {
  const afterWrite = useAfterWrite();
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, sendOnce } = useSubmit();

  async function submit(form: FormData) {
    const sent = await sendOnce(`/api/measures/${measureId}/comments`, "POST", (clientId) => ({
      body: String(form.get("body") ?? ""),
      clientId,
    }));
    if (!sent.ok) return;
    formRef.current?.reset();
    afterWrite();
  }

  return (
    <form ref={formRef} onSubmit={(e) => submitForm(e, submit)} className="mt-5 space-y-2 border-t border-stone-100 pt-4" aria-label="New comment">
      <label className="label" htmlFor="comment-body">Add a comment</label>
      <textarea className="field min-h-20" id="comment-body" name="body" required placeholder="Markdown is supported." />
      <FormError message={error} />
      <button className="btn-primary" type="submit" disabled={pending}>{pending ? "Posting…" : "Post comment"}</button>
    </form>
  );
}
