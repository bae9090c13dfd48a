"use client";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function CreateForumForm() {
  const router = useRouter();
  const { pending, error, send } = useSubmit({ holdOnSuccess: true });

  async function submit(form: FormData) {
    const sent = await send<{ id: string }>("/api/forums", "POST", {
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
    });
    if (!sent.ok) return;
    router.push(`/forums/${sent.data.id}`);
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="mt-3 space-y-3">
      <div>
        <label className="label" htmlFor="forum-title">Title</label>
        <input className="field" id="forum-title" name="title" maxLength={limits.forumTitle} placeholder="OEWG 2026 — fourth substantive session" />
      </div>
      <div>
        <label className="label" htmlFor="forum-description">Description</label>
        <textarea className="field min-h-20" id="forum-description" name="description" maxLength={limits.forumDescription} />
      </div>
      <FormError message={error} />
      <button className="btn-primary w-full" type="submit" disabled={pending}>{pending ? "Creating…" : "Create forum"}</button>
    </form>
  );
}
