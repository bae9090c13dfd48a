import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/next-auth";
import { safeNext } from "@/lib/core/safe-next";
import { RegisterForm } from "@/components/register-form";
import { AuthCard } from "@/components/auth-card";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard
      title="Create your account"
      subtitle="One account for every forum you take part in. You choose your delegation and camp when you join a forum."
      footer={
        <>
          Already registered?{" "}
          <Link className="font-medium text-accent hover:underline" href={`/signin?next=${encodeURIComponent(next)}`}>
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm next={next} />
    </AuthCard>
  );
}
