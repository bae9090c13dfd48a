import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { findForumByCode } from "@/lib/forums";
import { isMember } from "@/lib/members";
import { getDb } from "@/db/client";
import { JoinByCodeForm } from "@/components/join-by-code-form";
import { JoinForumForm } from "@/components/join-forum-form";

export const metadata: Metadata = { title: "Join a forum" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(`/join/${code}`)}`);
  const forum = await findForumByCode(code);
  if (!forum) {
    return (
      <div className="card mx-auto max-w-md p-8">
        <h1 className="font-serif text-2xl font-semibold">No forum has this join code</h1>
        <p className="mt-2 text-sm text-stone-600">
          Check the code with the chair (codes use letters and digits, without O, I, L, 0 or 1) and try again.
        </p>
        <JoinByCodeForm initial={decodeURIComponent(code)} />
      </div>
    );
  }
  if (await isMember(getDb(), forum.id, user.id)) redirect(`/forums/${forum.id}`);
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
