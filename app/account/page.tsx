import type { Metadata } from "next";
import { listTokens } from "@/lib/auth/api-tokens";
import { requirePageUser } from "@/lib/http/page-guard";
import { ApiTokens } from "@/components/api-tokens";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const tokens = await listTokens(user.id);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-semibold">Your account</h1>
      <p className="text-stone-600">
        {user.name} · {user.email}
      </p>
      <section className="card p-6" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="font-serif text-xl font-semibold">API tokens</h2>
        <p className="mt-1 text-sm text-stone-600">
          Scripts call the JSON API (see docs/api.md) with <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
          A token acts as you, with your rights in every forum. It is shown once; we keep only a hash.
        </p>
        <ApiTokens initial={tokens} />
      </section>
    </div>
  );
}
