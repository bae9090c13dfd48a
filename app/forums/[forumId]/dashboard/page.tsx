import type { Metadata } from "next";
import { getForumDashboard } from "@/lib/insight/insights";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ForumDashboard } from "@/components/forum-dashboard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/dashboard`);
  const dashboard = await loadOr404(() => getForumDashboard(user.id, forumId));
  return <ForumDashboard forumId={forumId} dashboard={dashboard} />;
}
