import type { Metadata } from "next";
import { getConsensusMapPage } from "@/lib/insight/insights";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { ConsensusMap } from "@/components/consensus-map";
import { InsightsHeader } from "@/components/insights-header";

export const metadata: Metadata = { title: "Consensus map" };

export default async function ConsensusMapPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/map`);
  const page = await loadOr404(() => getConsensusMapPage(user.id, forumId));
  return (
    <div className="space-y-6">
      <InsightsHeader
        forumId={forumId}
        forumTitle={page.forum.title}
        current="map"
        intro="Each measure sits where the two camps stand on it: across, the share of the Internet Freedom camp that supports it; up, the share of the Cyber Sovereignty camp. Top right is common ground; the off-diagonal corners are contested."
      />
      <ConsensusMap key={page.seq} forumId={forumId} seq={page.seq} measures={page.measures} />
    </div>
  );
}
