import type { Metadata } from "next";
import { agendaHref } from "@/lib/core/agenda";
import { getForumAgendaPage } from "@/lib/forum/forums";
import { siteOrigin } from "@/lib/http/origin";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ForumRoom } from "@/components/forum-room";
import { agendaQuery } from "@/lib/core/validation";

type Props = {
  params: Promise<{ forumId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Forum" };

export default async function ForumPage({ params, searchParams }: Props) {
  const { forumId } = requireIds(await params);
  // Never fails: an unreadable view or page number shows the agenda's first page.
  const query = agendaQuery.parse(await searchParams);
  const user = await requirePageUser(agendaHref(forumId, query.view, query.page));
  const page = await loadOr404(() => getForumAgendaPage(user.id, forumId, query));
  return (
    <ForumRoom
      forum={page.forum}
      meId={page.me.id}
      origin={await siteOrigin()}
      seq={page.seq}
      myRole={page.me.role}
      members={page.members}
      agenda={page.agenda}
    />
  );
}
