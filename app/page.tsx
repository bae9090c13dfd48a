import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/next-auth";
import { listForumsOf } from "@/lib/forum/forums";
import { roleLabels } from "@/lib/core/vocabulary";
import { CreateForumForm } from "@/components/create-forum-form";
import { JoinByCodeForm } from "@/components/join-by-code-form";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const forums = await listForumsOf(user.id);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="forums-heading">
        <h1 id="forums-heading" className="font-serif text-3xl font-semibold">Your forums</h1>
        <p className="mt-1 text-stone-600">Forums you chair or take part in.</p>
        {forums.length === 0 ? (
          <p className="card mt-6 p-8 text-center text-stone-500">
            You are not in any forum yet. Join one with the code the chair gave you, or create one.
          </p>
        ) : (
          <ul className="mt-6 space-y-3">
            {forums.map((f) => (
              <li key={f.id} className="card p-5">
                <Link href={`/forums/${f.id}`} className="text-lg font-semibold hover:text-accent hover:underline">
                  {f.title}
                </Link>
                {f.description && <p className="mt-1 line-clamp-2 text-sm text-stone-600">{f.description}</p>}
                <p className="mt-2 text-xs text-stone-500">
                  {roleLabels[f.role]} as {f.delegation} · {f.memberCount} members · {f.measureCount} measures
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside className="space-y-6">
        <section className="card p-5" aria-labelledby="join-heading">
          <h2 id="join-heading" className="font-semibold">Join a forum</h2>
          <JoinByCodeForm />
        </section>
        <section className="card p-5" aria-labelledby="create-heading">
          <h2 id="create-heading" className="font-semibold">Create a forum</h2>
          <p className="mt-1 text-sm text-stone-500">You will chair it and get a join code to share.</p>
          <CreateForumForm />
        </section>
      </aside>
    </div>
  );
}
