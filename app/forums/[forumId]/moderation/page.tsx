import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getForumFrame } from "@/lib/forum/forums";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ModerationQueue } from "@/components/moderation-queue";

export const metadata: Metadata = { title: "Moderation" };

export default async function ModerationPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/moderation`);
  const page = await loadOr404(() => getForumFrame(user.id, forumId));
  // The queue is the chair's: to everyone else the page does not exist.
  if (page.me.role !== "chair") notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}`}>{page.forum.title}</Link> › Moderation
      </nav>
      <div className="max-w-3xl">
        <h1 className="font-serif text-3xl font-semibold">Moderation</h1>
        <p className="mt-1 text-sm text-stone-600">
          Comments that members reported to the chair. Hide one with a reason, which everyone then reads in its place (its words
          stay visible to the chair and its author only), or dismiss its reports to let it stand. Every report and decision goes
          to the audit log.
        </p>
      </div>
      <ModerationQueue forumId={forumId} />
    </div>
  );
}
