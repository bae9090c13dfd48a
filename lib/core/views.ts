// What the pages, the API and live events show of each record: projections of the schema types
// with dates as ISO strings (they travel as JSON) and Markdown already rendered to safe HTML.
import type { Comment, CommentReport, Decision, Forum, Measure, Member, Position } from "@/db/schema";
import type { Tally } from "./tallies";
import type { Camp, StakeholderGroup } from "./vocabulary";

type Iso<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };
type IsoOrNull<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };

export type ForumView = Iso<
  Pick<
    Forum,
    | "id"
    | "title"
    | "description"
    | "joinCode"
    | "status"
    | "defaultRule"
    | "defaultQuorum"
    | "defaultCrossCampMin"
    | "discloseMemberNames"
    | "createdAt"
  >,
  "createdAt"
>;

export type MemberView = Iso<
  Pick<Member, "id" | "userId" | "role" | "stakeholderGroup" | "delegation" | "camp" | "joinedAt">,
  "joinedAt"
> & { name: string };

export type DecisionView = IsoOrNull<
  Iso<
    Pick<
      Decision,
      "id" | "rule" | "quorum" | "crossCampMin" | "openedAt" | "deadline" | "closedAt" | "outcome" | "finalTally" | "finalVerdict" | "finalObjections"
    >,
    "openedAt"
  >,
  "deadline" | "closedAt"
> & { objectionCount: number };

export type MeasureSummary = Iso<
  Pick<Measure, "id" | "forumId" | "title" | "kind" | "category" | "status" | "createdAt">,
  "createdAt"
> & { proposedBy: string; tally: Tally; commentCount: number; decision: DecisionView | null };

export type MeasureDetail = MeasureSummary & Pick<Measure, "text"> & { html: string };

export type PositionView = Iso<
  Pick<Position, "memberId" | "stance" | "rationale" | "camp" | "stakeholderGroup" | "updatedAt">,
  "updatedAt"
> & { delegation: string };

export type CommentView = Iso<
  Pick<Comment, "id" | "measureId" | "memberId" | "camp" | "stakeholderGroup" | "createdAt">,
  "createdAt"
> & {
  html: string;
  delegation: string;
  authorName: string;
  // Set when the chair hid the comment; `html` is then empty for all but the chair and its author.
  hidden: HiddenMark | null;
};

/** Why and when the chair hid a comment, and who (the chair's delegation): shown to everyone. */
export type HiddenMark = { reason: string; at: string; by: string };

/** A member's report of a comment (lib/measure/moderation.ts), as the chair's queue shows it. */
export type ReportView = {
  id: string;
  commentId: string;
  memberId: string;
  delegation: string;
  reason: string;
  status: CommentReport["status"];
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
};

export function toForumView(forum: Forum): ForumView {
  return {
    id: forum.id,
    title: forum.title,
    description: forum.description,
    joinCode: forum.joinCode,
    status: forum.status,
    defaultRule: forum.defaultRule,
    defaultQuorum: forum.defaultQuorum,
    defaultCrossCampMin: forum.defaultCrossCampMin,
    discloseMemberNames: forum.discloseMemberNames,
    createdAt: forum.createdAt.toISOString(),
  };
}

export function toDecisionView(d: Decision, objectionCount: number): DecisionView {
  return {
    id: d.id,
    rule: d.rule,
    quorum: d.quorum,
    crossCampMin: d.crossCampMin,
    openedAt: d.openedAt.toISOString(),
    deadline: d.deadline?.toISOString() ?? null,
    closedAt: d.closedAt?.toISOString() ?? null,
    outcome: d.outcome,
    finalTally: d.finalTally,
    finalVerdict: d.finalVerdict,
    finalObjections: d.finalObjections,
    objectionCount,
  };
}

/** Who is in a forum's room now (lib/live/presence.ts counts it). */
export type PresenceView = {
  forumId: string;
  // When the sockets were counted (ms since epoch): a client keeps the newest view it gets.
  at: number;
  // Empty, with listed false, when more than PRESENCE_LIST_LIMIT people are in the room.
  memberIds: string[];
  listed: boolean;
  total: number;
  byCamp: Record<Camp, number>;
  byGroup: Record<StakeholderGroup, number>;
};

export type FloorRequestView = {
  id: string;
  memberId: string;
  delegation: string;
  camp: Camp;
  stakeholderGroup: StakeholderGroup;
  measureId: string | null;
  measureTitle: string | null;
  status: "waiting" | "speaking";
  requestedAt: string;
  startedAt: string | null;
  endsAt: string | null;
};

export type SpeakersView = {
  speaker: FloorRequestView | null;
  queue: FloorRequestView[];
  // The turn that ended last, so the room sees whose time ran out.
  lastTurn: { delegation: string; endedAt: string; timeUp: boolean } | null;
};

/** One entry of a forum's audit log as members read it (lib/audit/read.ts). */
export type AuditEntry = {
  id: number;
  at: string;
  action: string;
  actor: string;
  measureId: string | null;
  measureTitle: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
};
