"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function RegisterForm({ next }: { next: string }) {
  const router = useRouter();
  const { pending, error, send } = useSubmit({ holdOnSuccess: true });

  async function submit(form: FormData) {
    const body = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const created = await send("/api/register", "POST", body);
    if (!created.ok) return;
    await signIn("credentials", { email: body.email, password: body.password, redirect: false });
    router.push(next);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="space-y-4">
      <div>
        <label className="label" htmlFor="name">Name</label>
        <input className="field" id="name" name="name" autoComplete="name" maxLength={limits.name} required />
      </div>
      <div>
        <label className="label" htmlFor="email">Email</label>
        <input className="field" id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div>
        <label className="label" htmlFor="password">Password</label>
        <input className="field" id="password" name="password" type="password" autoComplete="new-password" minLength={limits.passwordMin} required />
        <p className="mt-1 text-xs text-stone-500">At least {limits.passwordMin} characters.</p>
      </div>
      <FormError message={error} />
      <button className="btn-primary w-full" type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
