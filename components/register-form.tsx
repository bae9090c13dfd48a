"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { FormError } from "./form-error";
import { signInWithPassword } from "./password-sign-in";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function RegisterForm({ next }: { next: string }) {
  const router = useRouter();
  const { pending, error, send } = useSubmit();
  // Between the account's creation and the next page: signing in.
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  async function submit(form: FormData) {
    const body = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setSignInError(null);
    const created = await send("/api/register", "POST", body);
    if (!created.ok) return;
    // Registration answers alike whether or not the email had an account (it tells strangers
    // nothing); signing in with the password just chosen is what tells the person.
    setSigningIn(true);
    const signedIn = await signInWithPassword(body.email, body.password);
    if (!signedIn.ok) {
      setSigningIn(false);
      return setSignInError(
        signedIn.status === 401
          ? "You could not be signed in with this email and password. If you have registered before, sign in with the password you chose then."
          : signedIn.error,
      );
    }
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
        <p className="mt-1 text-xs text-stone-500">
          At least {limits.passwordMin} characters, and not easy to guess: a few uncommon words together work well.
        </p>
      </div>
      <FormError message={error ?? signInError} />
      <button className="btn-primary w-full" type="submit" disabled={pending || signingIn}>
        {pending || signingIn ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
