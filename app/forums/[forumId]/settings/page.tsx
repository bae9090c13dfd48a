import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getForumFrame } from "@/lib/forum/forums";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ForumSettingsForm } from "@/components/forum-settings-form";
import { MemberAdmin } from "@/components/member-admin";
import { ActionButton } from "@/components/action-button";

export const metadata: Metadata = { title: "Chair’s settings" };

export default async function SettingsPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/settings`);
  const page = await loadOr404(() => getForumFrame(user.id, forumId));
  if (page.me.role !== "chair") notFound();
  const closed = page.forum.status === "closed";
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}`}>{page.forum.title}</Link> › Chair’s settings
      </nav>
      <h1 className="font-serif text-3xl font-semibold">Chair’s settings</h1>
      <div className="grid gap-8 lg:grid-cols-2">
        <section className="card space-y-4 p-6" aria-labelledby="settings-heading">
          <h2 id="settings-heading" className="font-serif text-xl font-semibold">Forum and decision rule</h2>
          <ForumSettingsForm forum={page.forum} />
        </section>
        <section className="card space-y-4 p-6" aria-labelledby="access-heading">
          <h2 id="access-heading" className="font-serif text-xl font-semibold">Access</h2>
          <p className="text-sm text-stone-600">
            Join code <span className="font-mono font-semibold tracking-widest" data-testid="settings-join-code">{page.forum.joinCode}</span>.
            A new code stops the old one from working at once; members stay.
          </p>
          <div className="flex flex-wrap gap-2">
            <ActionButton url={`/api/forums/${forumId}/join-code`} label="Issue a new join code" confirm="Replace the join code? The old one stops working." />
            <ActionButton
              url={`/api/forums/${forumId}`}
              method="PATCH"
              body={{ status: closed ? "open" : "closed" }}
              label={closed ? "Reopen the forum" : "Close the forum"}
              variant={closed ? "primary" : "danger"}
              confirm={closed ? undefined : "Close the forum? It becomes read-only until you reopen it."}
            />
          </div>
        </section>
      </div>
      <section className="card p-6" aria-labelledby="members-admin-heading">
        <h2 id="members-admin-heading" className="font-serif text-xl font-semibold">Members</h2>
        <p className="text-sm text-stone-600">Make members co-chairs, delegates or observers, or remove them. A forum always keeps one chair.</p>
        <MemberAdmin forumId={forumId} meId={page.me.id} members={page.members} />
      </section>
    </div>
  );
}
