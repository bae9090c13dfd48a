"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "./form-error";
import { signInWithPassword } from "./password-sign-in";
import { submitForm } from "./send-json";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    setPending(false);
    if (!result.ok) return setError(result.error);
    router.push(next);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="space-y-4">
      <div>
        <label className="label" htmlFor="email">Email</label>
        <input className="field" id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div>
        <label className="label" htmlFor="password">Password</label>
        <input className="field" id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <FormError message={error} />
      <button className="btn-primary w-full" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
