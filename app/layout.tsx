import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/http/next-auth";
import { SignOutButton } from "@/components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Concord", template: "%s · Concord" },
  description: "Real-time deliberation for multi-stakeholder forums on ICT security.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-stone-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
            <Link href="/" className="flex items-center gap-2 font-serif text-xl font-semibold tracking-tight text-accent">
              <span aria-hidden className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-accent text-sm font-bold text-white">C</span>
              Concord
            </Link>
            <nav aria-label="Account" className="flex items-center gap-4 text-sm">
              {user ? (
                <>
                  <span className="text-stone-600">
                    Signed in as{" "}
                    <Link href="/account" className="font-medium text-ink hover:underline">{user.name}</Link>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link className="text-accent hover:underline" href="/signin">Sign in</Link>
                  <Link className="btn-primary py-1.5" href="/register">Create account</Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
