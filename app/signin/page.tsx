import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/next-auth";
import { safeNext } from "@/lib/core/safe-next";
import { SignInForm } from "@/components/sign-in-form";
import { AuthCard } from "@/components/auth-card";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard
      title="Sign in to Concord"
      subtitle="Deliberate on confidence-building measures and norms, live, with every delegation in the room."
      footer={
        <>
          New here?{" "}
          <Link className="font-medium text-accent hover:underline" href={`/register?next=${encodeURIComponent(next)}`}>
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
