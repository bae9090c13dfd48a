import "server-only";
// The reads behind the consensus map and the forum dashboard, for any member of the forum.
import { eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { forums, positions } from "@/db/schema";
import { rankCommonGround, rankDivides } from "@/lib/core/bridging";
import { onTheAgenda } from "@/lib/core/consensus-map";
import { notFound } from "@/lib/core/errors";
import { openForPositions } from "@/lib/core/lifecycle";
import { listMembers } from "@/lib/forum/members";
import { awaitingPositions, measuresByStatus, membersByCampAndGroup } from "@/lib/core/participation";
import { countOf } from "@/lib/core/tallies";
import { toForumView } from "@/lib/core/views";
import { requireMember } from "@/lib/access/member";
import { listMeasureSummaries } from "@/lib/measure/queries";

/** How many measures the dashboard ranks as bridging and as divisive. */
const RANKED = 5;

async function forumRow(db: Db, forumId: string) {
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  return forum;
}

/** The measures on the agenda, to place on the map. */
export async function getConsensusMapPage(userId: string, forumId: string) {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const forum = await forumRow(db, forumId);
  const measures = (await listMeasureSummaries(db, forumId, me)).filter((m) => onTheAgenda(m.status));
  return { forum: toForumView(forum), seq: forum.seq, measures };
}

/** Who is in the room, where the measures stand, and what the chair should look at next. */
export async function getForumDashboard(userId: string, forumId: string) {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const forum = await forumRow(db, forumId);
  const [members, summaries] = await Promise.all([listMembers(db, forumId), listMeasureSummaries(db, forumId, me)]);
  // The dashboard is the room's shared picture: the viewer's own drafts are not part of it.
  const shared = summaries.filter((m) => m.status !== "draft");
  const inDecision = shared.filter((m) => m.status === "in_decision");
  const holders = new Map<string, Set<string>>();
  if (inDecision.length > 0) {
    const rows = await db
      .select({ measureId: positions.measureId, memberId: positions.memberId })
      .from(positions)
      .where(inArray(positions.measureId, inDecision.map((m) => m.id)));
    for (const r of rows) holders.set(r.measureId, (holders.get(r.measureId) ?? new Set()).add(r.memberId));
  }
  // Ranked among measures still open for positions: decided ones need no more bridging.
  const open = shared.filter((m) => openForPositions(m.status));
  return {
    forum: toForumView(forum),
    seq: forum.seq,
    members: membersByCampAndGroup(members),
    statuses: measuresByStatus(shared),
    onAgenda: shared.filter((m) => onTheAgenda(m.status)).length,
    positions: shared.reduce((n, m) => n + countOf(m.tally.total), 0),
    awaiting: awaitingPositions(inDecision, members, holders),
    bridging: rankCommonGround(open).slice(0, RANKED),
    divides: rankDivides(open).slice(0, RANKED),
  };
}

export type Dashboard = Awaited<ReturnType<typeof getForumDashboard>>;
