import type { Metadata } from "next";
import { listTokens } from "@/lib/auth/api-tokens";
import { listSessions } from "@/lib/auth/sessions";
import { requirePageSession } from "@/lib/http/page-guard";
import { AccountSessions } from "@/components/account-sessions";
import { ApiTokens } from "@/components/api-tokens";
import { ChangePasswordForm } from "@/components/change-password-form";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user, sessionId } = await requirePageSession("/account");
  const [tokens, sessions] = await Promise.all([listTokens(user.id), listSessions(user.id, sessionId)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-semibold">Your account</h1>
      <p className="text-stone-600">
        {user.name} · {user.email}
      </p>
      <section className="card p-6" aria-labelledby="password-heading">
        <h2 id="password-heading" className="font-serif text-xl font-semibold">Password</h2>
        <p className="mt-1 text-sm text-stone-600">
          Changing your password signs you out in every other browser. Your API tokens keep working: revoke them below if they may be known to someone else.
        </p>
        <ChangePasswordForm />
      </section>
      <section className="card p-6" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="font-serif text-xl font-semibold">Where you are signed in</h2>
        <p className="mt-1 text-sm text-stone-600">
          Each browser you signed in with has a session; signing out ends it on the server, so a copy of its cookie is of no use to anyone.
        </p>
        <AccountSessions sessions={sessions} />
      </section>
      <section className="card p-6" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="font-serif text-xl font-semibold">API tokens</h2>
        <p className="mt-1 text-sm text-stone-600">
          Scripts call the JSON API (see docs/api.md) with <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
          A token acts as you, with your rights in every forum. It is shown once; we keep only a hash. Signing out, even everywhere, and changing your password leave tokens as they are.
        </p>
        <ApiTokens initial={tokens} />
      </section>
    </div>
  );
}
