import "server-only";
// The chair's outcome report of a forum: what was adopted (final text, rule, final tally by camp
// and by group), what was not and why (the objections and their rationales), who took part, and
// the consensus map. Any member may read it; lib/report-markdown.ts writes it out as Markdown.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { comments, forums, measures, members, positions } from "@/db/schema";
import { bridgingScore } from "@/lib/core/bridging";
import { consensusMap, onTheAgenda, type ConsensusMap } from "@/lib/core/consensus-map";
import { notFound } from "@/lib/core/errors";
import { isDecided, openForPositions } from "@/lib/core/lifecycle";
import { renderMarkdown } from "@/lib/core/markdown";
import { listMembers } from "@/lib/forum/members";
import { participation, type Participation } from "@/lib/core/participation";
import type { Tally } from "@/lib/core/tallies";
import type { DecisionRule, MeasureStatus } from "@/lib/core/vocabulary";
import { camps } from "@/lib/core/vocabulary";
import type { ForumView, MeasureSummary } from "@/lib/core/views";
import { requireMember } from "@/lib/access/member";
import { listMeasureSummaries } from "@/lib/measure/queries";

const objectionList = z.array(z.object({ delegation: z.string(), camp: z.enum(camps), reason: z.string() }));
export type Objection = z.infer<typeof objectionList>[number];

export interface DecidedMeasure {
  id: string;
  title: string;
  kind: MeasureSummary["kind"];
  category: MeasureSummary["category"];
  outcome: Extract<MeasureStatus, "adopted" | "not_adopted">;
  /** The text as it stood when decided (Markdown), and as sanitised HTML. */
  text: string;
  html: string;
  rule: DecisionRule;
  quorum: number | null;
  crossCampMin: number;
  closedAt: string;
  tally: Tally;
  reasons: string[];
  /** Who stood against it, under the heading the rule gives them. */
  objectionsHeading: string;
  objections: Objection[];
}

export type OpenMeasure = Pick<MeasureSummary, "id" | "title" | "status" | "tally" | "createdAt"> & { bridging: number };

export interface OutcomeReport {
  // Not the join code: a report travels beyond the room.
  forum: Pick<ForumView, "id" | "title" | "description" | "status" | "discloseMemberNames">;
  generatedAt: string;
  chairs: string[];
  participation: Participation;
  adopted: DecidedMeasure[];
  notAdopted: DecidedMeasure[];
  open: OpenMeasure[];
  map: ConsensusMap;
}

/**
 * Under consensus the objections are the oppose positions (frozen on the decision), under
 * silence the delegations that broke it; under the voting rules, whoever opposed.
 */
function objectionsOf(rule: DecisionRule, frozen: unknown, opposing: Objection[]): Pick<DecidedMeasure, "objectionsHeading" | "objections"> {
  if (rule === "consensus") return { objectionsHeading: "Objections", objections: objectionList.parse(frozen ?? []) };
  if (rule === "silence") return { objectionsHeading: "Silence broken by", objections: objectionList.parse(frozen ?? []) };
  return { objectionsHeading: "Opposed by", objections: opposing };
}

export async function getOutcomeReport(userId: string, forumId: string, now = new Date()): Promise<OutcomeReport> {
  const db = getDb();
  const me = await requireMember(db, forumId, userId);
  const [forum] = await db.select().from(forums).where(eq(forums.id, forumId));
  if (!forum) throw notFound("Forum");
  const [roomMembers, summaries] = await Promise.all([listMembers(db, forumId), listMeasureSummaries(db, forumId, me)]);
  const agenda = summaries.filter((m) => onTheAgenda(m.status)).reverse();
  const agendaIds = agenda.map((m) => m.id);
  const decided = agenda.filter((m) => isDecided(m.status) && m.decision?.outcome && m.decision.finalTally && m.decision.finalVerdict);

  const [cast, commented, texts] = agendaIds.length
    ? await Promise.all([
        db
          .select({ measureId: positions.measureId, memberId: positions.memberId, camp: positions.camp, stance: positions.stance, rationale: positions.rationale, delegation: members.delegation })
          .from(positions)
          .innerJoin(members, eq(members.id, positions.memberId))
          .where(inArray(positions.measureId, agendaIds))
          .orderBy(asc(members.delegation)),
        db.select({ memberId: comments.memberId }).from(comments).where(inArray(comments.measureId, agendaIds)),
        decided.length
          ? db.select({ id: measures.id, text: measures.text }).from(measures).where(and(eq(measures.forumId, forumId), inArray(measures.id, decided.map((m) => m.id))))
          : Promise.resolve([]),
      ])
    : [[], [], []];
  const textOf = new Map(texts.map((t) => [t.id, t.text]));

  const decidedMeasures = decided
    .map((m): DecidedMeasure => {
      const d = m.decision!;
      const opposing = cast
        .filter((p) => p.measureId === m.id && p.stance === "oppose")
        .map((p) => ({ delegation: p.delegation, camp: p.camp, reason: p.rationale }));
      const text = textOf.get(m.id) ?? "";
      return {
        id: m.id,
        title: m.title,
        kind: m.kind,
        category: m.category,
        outcome: d.outcome === "adopted" ? "adopted" : "not_adopted",
        text,
        html: renderMarkdown(text),
        rule: d.rule,
        quorum: d.quorum,
        crossCampMin: d.crossCampMin,
        closedAt: d.closedAt ?? d.openedAt,
        tally: d.finalTally!,
        reasons: d.finalVerdict!.reasons,
        ...objectionsOf(d.rule, d.finalObjections, opposing),
      };
    })
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt));

  return {
    forum: {
      id: forum.id,
      title: forum.title,
      description: forum.description,
      status: forum.status,
      discloseMemberNames: forum.discloseMemberNames,
    },
    generatedAt: now.toISOString(),
    chairs: roomMembers.filter((m) => m.role === "chair").map((m) => m.delegation),
    participation: participation(roomMembers, cast, commented),
    adopted: decidedMeasures.filter((m) => m.outcome === "adopted"),
    notAdopted: decidedMeasures.filter((m) => m.outcome === "not_adopted"),
    open: agenda
      .filter((m) => openForPositions(m.status))
      .map((m) => ({ id: m.id, title: m.title, status: m.status, tally: m.tally, createdAt: m.createdAt, bridging: bridgingScore(m.tally) })),
    map: consensusMap(agenda),
  };
}
