import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/next-auth";
import { findForumByCode } from "@/lib/forum/forums";
import { JoinByCodeForm } from "@/components/join-by-code-form";
import { JoinForumForm } from "@/components/join-forum-form";
import { joinCodeInput } from "@/lib/core/validation";

export const metadata: Metadata = { title: "Join a forum" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(`/join/${code}`)}`);
  const parsed = joinCodeInput.safeParse(code);
  const forum = parsed.success ? await findForumByCode(user.id, parsed.data) : null;
  if (!forum) {
    return (
      <div className="card mx-auto max-w-md p-8">
        <h1 className="font-serif text-2xl font-semibold">No forum has this join code</h1>
        <p className="mt-2 text-sm text-stone-600">
          Check the code with the chair (codes use letters and digits, without O, I, L, 0 or 1) and try again.
        </p>
        <JoinByCodeForm initial={parsed.success ? parsed.data : ""} />
      </div>
    );
  }
  if (forum.isMember) redirect(`/forums/${forum.id}`);
  return (
    <div className="card mx-auto max-w-2xl p-8">
      <p className="text-xs font-semibold uppercase tracking-widest text-accent">Join forum</p>
      <h1 className="mt-1 font-serif text-2xl font-semibold">{forum.title}</h1>
      {forum.description && <p className="mt-2 text-sm text-stone-600">{forum.description}</p>}
      <p className="mt-4 text-sm text-stone-600">
        Tell the forum who you speak for. Your camp is shown beside every position and comment you make,
        and every tally is broken down by camp.
      </p>
      <JoinForumForm code={code} />
    </div>
  );
}
