import "server-only";
// Everything the measure page shows a member, read in one go.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { forums, members } from "@/db/schema";
import { moversFor, requireMeasure } from "@/lib/access/measure";
import { measureHistory } from "@/lib/audit/read";
import { availableTransitions } from "@/lib/core/lifecycle";
import { renderMarkdown } from "@/lib/core/markdown";
import { toForumView, type MeasureDetail } from "@/lib/core/views";
import { getCompilation } from "@/lib/text/compilation";
import { moderateComments } from "./moderation-views";
import { listAuthors, listComments, listObjections, listPositions, summaryOf } from "./queries";

/** Everything the measure page shows, for a member of its forum. */
export async function getMeasurePage(userId: string, measureId: string) {
  const db = getDb();
  const { measure, member: me } = await requireMeasure(db, measureId, userId);
  const [forum] = await db.select().from(forums).where(eq(forums.id, measure.forumId));
  const [summary, positionList, allComments, authors, history, movers, compilation] = await Promise.all([
    summaryOf(db, measureId),
    listPositions(db, measureId),
    listComments(db, measureId),
    listAuthors(db, measureId),
    measureHistory(measure.forumId, measureId),
    moversFor(db, measure, me),
    getCompilation(db, measureId),
  ]);
  // A hidden comment's words stay with the chair and its author.
  const { comments: commentList, moderation } = await moderateComments(db, me, allComments);
  const decisionObjections = summary.decision ? await listObjections(db, summary.decision) : [];
  // Authors may invite any other delegate or chair of the forum to co-author.
  const coauthorCandidates = movers.includes("author")
    ? (
        await db
          .select({ memberId: members.id, delegation: members.delegation })
          .from(members)
          .where(and(eq(members.forumId, measure.forumId), isNull(members.removedAt), ne(members.role, "observer")))
          .orderBy(asc(members.delegation))
      ).filter((m) => !authors.some((a) => a.memberId === m.memberId))
    : [];
  const detail: MeasureDetail = { ...summary, text: measure.text, html: renderMarkdown(measure.text) };
  return {
    forum: toForumView(forum!),
    seq: forum!.seq,
    me,
    measure: detail,
    positions: positionList,
    comments: commentList,
    moderation,
    authors,
    objections: decisionObjections,
    history,
    compilation,
    movers,
    coauthorCandidates,
    transitions: availableTransitions(measure.status, movers).map((t) => ({ to: t.to, verb: t.verb })),
  };
}
