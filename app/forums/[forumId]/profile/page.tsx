import type { Metadata } from "next";
import Link from "next/link";
import { getForumFrame } from "@/lib/forum/forums";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ProfileForm } from "@/components/profile-form";

export const metadata: Metadata = { title: "Your delegation" };

export default async function ProfilePage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/profile`);
  const page = await loadOr404(() => getForumFrame(user.id, forumId));
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}`}>{page.forum.title}</Link> › Your delegation
      </nav>
      <section className="card p-8">
        <h1 className="font-serif text-2xl font-semibold">Your delegation</h1>
        <p className="mt-2 text-sm text-stone-600">
          Change how you appear in this forum. Positions you took earlier keep the camp you held when you took them;
          the measures’ histories show the change.
        </p>
        <ProfileForm forumId={forumId} profile={{ delegation: page.me.delegation, stakeholderGroup: page.me.stakeholderGroup, camp: page.me.camp }} />
      </section>
    </div>
  );
}
