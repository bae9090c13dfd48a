"use client";
import { useRef, useState } from "react";
import { newClientId } from "./client-id";
import { FormError } from "./form-error";
import { submitForm, sendJson } from "./send-json";
import { useAfterWrite } from "./after-write";

export function CommentForm({ measureId }: { measureId: string }) {
  const afterWrite = useAfterWrite();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const pendingId = useRef<string | null>(null);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    pendingId.current ??= newClientId();
    const sent = await sendJson(`/api/measures/${measureId}/comments`, "POST", {
      body: String(form.get("body") ?? ""),
      clientId: pendingId.current,
    });
    setPending(false);
    if (!sent.ok) {
      if (sent.status !== 0) pendingId.current = null;
      setError(sent.error);
      return;
    }
    pendingId.current = null;
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
