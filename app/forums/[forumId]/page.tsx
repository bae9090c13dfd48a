import type { Metadata } from "next";
import { getForumPage } from "@/lib/forums";
import { siteOrigin } from "@/lib/origin";
import { loadOr404, requirePageUser } from "@/lib/page-guard";
import { ForumRoom } from "@/components/forum-room";

type Params = { params: Promise<{ forumId: string }> };

export const metadata: Metadata = { title: "Forum" };

export default async function ForumPage({ params }: Params) {
  const { forumId } = await params;
  const user = await requirePageUser(`/forums/${forumId}`);
  const page = await loadOr404(() => getForumPage(user.id, forumId));
  return (
    <ForumRoom
      forum={page.forum}
      meId={page.me.id}
      origin={await siteOrigin()}
      seq={page.seq}
      myRole={page.me.role}
      members={page.members}
      measures={page.measures}
    />
  );
}
