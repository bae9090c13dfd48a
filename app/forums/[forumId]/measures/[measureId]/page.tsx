import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { MeasureRoom } from "@/components/measure-room";
import { getMeasurePage } from "@/lib/measure/page";

type Params = { params: Promise<{ forumId: string; measureId: string }> };

export const metadata: Metadata = { title: "Measure" };

export default async function MeasurePage({ params }: Params) {
  const { forumId, measureId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/measures/${measureId}`);
  const page = await loadOr404(() => getMeasurePage(user.id, measureId));
  if (page.forum.id !== forumId) notFound();
  return (
    <MeasureRoom
      forum={page.forum}
      seq={page.seq}
      me={{ id: page.me.id, role: page.me.role, delegation: page.me.delegation }}
      measure={page.measure}
      positions={page.positions}
      comments={page.comments}
      moderation={page.moderation}
      authors={page.authors}
      objections={page.objections}
      history={page.history}
      compilation={page.compilation}
      movers={page.movers}
      coauthorCandidates={page.coauthorCandidates}
      transitions={page.transitions}
    />
  );
}
