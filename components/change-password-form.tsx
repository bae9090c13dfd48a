"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function ChangePasswordForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, send } = useSubmit();
  const [done, setDone] = useState<string | null>(null);

  async function submit(form: FormData) {
    setDone(null);
    const sent = await send<{ endedSessions: number }>("/api/account/password", "PUT", {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    if (!sent.ok) return;
    formRef.current?.reset();
    const n = sent.data.endedSessions;
    setDone(`Your password was changed.${n > 0 ? ` ${n === 1 ? "One other session was" : `${n} other sessions were`} signed out.` : ""}`);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={(e) => submitForm(e, submit)} className="mt-4 max-w-md space-y-4" aria-label="Change password">
      <div>
        <label className="label" htmlFor="current-password">Current password</label>
        <input className="field" id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
      </div>
      <div>
        <label className="label" htmlFor="new-password">New password</label>
        <input className="field" id="new-password" name="newPassword" type="password" autoComplete="new-password" minLength={limits.passwordMin} required />
        <p className="mt-1 text-xs text-stone-500">
          At least {limits.passwordMin} characters, and not easy to guess: a few uncommon words together work well.
        </p>
      </div>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <button className="btn-primary" type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
        {done && <span role="status" className="text-sm text-stance-support">{done}</span>}
      </div>
    </form>
  );
}
