// The one database schema (PostgreSQL dialect), used by PGlite and PostgreSQL alike. One file on
// purpose: drizzle-kit generates each migration from the whole schema, and a reader sees every
// table, index and foreign key of the forum's record in one place.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Verdict } from "@/lib/core/decision-rules";
import type { Tally } from "@/lib/core/tallies";
import {
  alternativeKinds,
  alternativeStatuses,
  amendmentStatuses,
  camps,
  decisionRules,
  forumStatuses,
  measureCategories,
  measureKinds,
  measureStatuses,
  paragraphStatuses,
  roles,
  stakeholderGroups,
  stances,
} from "@/lib/core/vocabulary";

export const roleEnum = pgEnum("role", roles);
export const stakeholderGroupEnum = pgEnum("stakeholder_group", stakeholderGroups);
export const campEnum = pgEnum("camp", camps);
export const stanceEnum = pgEnum("stance", stances);
export const measureKindEnum = pgEnum("measure_kind", measureKinds);
export const measureStatusEnum = pgEnum("measure_status", measureStatuses);
export const measureCategoryEnum = pgEnum("measure_category", measureCategories);
export const decisionRuleEnum = pgEnum("decision_rule", decisionRules);
export const forumStatusEnum = pgEnum("forum_status", forumStatuses);
export const paragraphStatusEnum = pgEnum("paragraph_status", paragraphStatuses);
export const alternativeKindEnum = pgEnum("alternative_kind", alternativeKinds);
export const alternativeStatusEnum = pgEnum("alternative_status", alternativeStatuses);
export const amendmentStatusEnum = pgEnum("amendment_status", amendmentStatuses);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);
export type User = typeof users.$inferSelect;

export const forums = pgTable(
  "forums",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    joinCode: text("join_code").notNull(),
    // Bumped by every write to the forum; each live event carries it so clients notice gaps.
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    status: forumStatusEnum("status").notNull().default("open"),
    // The decision rule the chair applies unless overridden when opening a decision.
    defaultRule: decisionRuleEnum("default_rule").notNull().default("simple_majority"),
    defaultQuorum: integer("default_quorum"),
    defaultCrossCampMin: integer("default_cross_camp_min").notNull().default(1),
    // Whether exports of positions and comments may carry members' personal names (the chair's
    // choice; delegation names, camps and groups are always included).
    discloseMemberNames: boolean("disclose_member_names").notNull().default(false),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("forums_join_code_unique").on(t.joinCode)],
);
export type Forum = typeof forums.$inferSelect;

export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: roleEnum("role").notNull(),
    stakeholderGroup: stakeholderGroupEnum("stakeholder_group").notNull(),
    delegation: text("delegation").notNull(),
    camp: campEnum("camp").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    // Removed members keep their row (their comments and decided positions stay on record).
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("members_forum_user_unique").on(t.forumId, t.userId),
    index("members_user_idx").on(t.userId),
  ],
);
export type Member = typeof members.$inferSelect;

export const measures = pgTable(
  "measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: measureKindEnum("kind").notNull(),
    category: measureCategoryEnum("category").notNull().default("other"),
    text: text("text").notNull(),
    status: measureStatusEnum("status").notNull().default("under_discussion"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [index("measures_forum_idx").on(t.forumId, t.createdAt)],
);
export type Measure = typeof measures.$inferSelect;

export const positions = pgTable(
  "positions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    stance: stanceEnum("stance").notNull(),
    rationale: text("rationale").notNull().default(""),
    // Snapshots of the member at the time the position was taken: a later change of camp
    // must not rewrite history.
    camp: campEnum("camp").notNull(),
    stakeholderGroup: stakeholderGroupEnum("stakeholder_group").notNull(),
    // The client-generated id of the last write, so a retried request is recognised.
    clientId: uuid("client_id").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("positions_measure_member_unique").on(t.measureId, t.memberId)],
);
export type Position = typeof positions.$inferSelect;

/**
 * Every clientId a member has taken a position with. A request is applied once: a retry of the
 * latest write, or a late one of a write a later one has replaced, finds its id here and changes
 * nothing (positions.client_id alone would let the late retry put back the old stance).
 */
export const positionWrites = pgTable(
  "position_writes",
  {
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    clientId: uuid("client_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.memberId, t.clientId] })],
);

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    camp: campEnum("camp").notNull(),
    stakeholderGroup: stakeholderGroupEnum("stakeholder_group").notNull(),
    clientId: uuid("client_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_measure_idx").on(t.measureId, t.createdAt),
    uniqueIndex("comments_member_client_unique").on(t.memberId, t.clientId),
  ],
);
export type Comment = typeof comments.$inferSelect;

export const measureAuthors = pgTable(
  "measure_authors",
  {
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("measure_authors_unique").on(t.measureId, t.memberId)],
);

export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    rule: decisionRuleEnum("rule").notNull(),
    quorum: integer("quorum"),
    crossCampMin: integer("cross_camp_min").notNull().default(1),
    openedBy: uuid("opened_by")
      .notNull()
      .references(() => members.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp("deadline", { withTimezone: true }),
    // Set once, when the decision closes; then the outcome, tally and reasons are frozen.
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => members.id),
    outcome: measureStatusEnum("outcome"),
    finalTally: jsonb("final_tally").$type<Tally>(),
    finalVerdict: jsonb("final_verdict").$type<Verdict>(),
    finalObjections: jsonb("final_objections").$type<{ delegation: string; camp: string; reason: string }[]>(),
  },
  (t) => [
    index("decisions_measure_idx").on(t.measureId, t.openedAt),
    // The deadline sweep looks only at open decisions.
    index("decisions_open_deadline_idx").on(t.deadline).where(sql`${t.closedAt} is null`),
  ],
);
export type Decision = typeof decisions.$inferSelect;

/** Objections that break a silence procedure. */
export const objections = pgTable(
  "objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    reason: text("reason").notNull(),
    camp: campEnum("camp").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("objections_decision_member_unique").on(t.decisionId, t.memberId)],
);

/** Append-only record of every change of state in a forum. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    // Null for changes the system makes itself (a deadline settling a decision).
    actorMemberId: uuid("actor_member_id").references(() => members.id),
    action: text("action").notNull(),
    measureId: uuid("measure_id").references(() => measures.id, { onDelete: "cascade" }),
    subjectMemberId: uuid("subject_member_id").references(() => members.id),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_forum_idx").on(t.forumId, t.id),
    index("audit_measure_idx").on(t.measureId, t.id),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // SHA-256 of the token; the token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * One row per signed-in browser. The session cookie (a next-auth JWT) names its row; a cookie
 * whose row is gone counts for nothing, so signing out, "sign out everywhere" and a password
 * change end sessions on the server, not just in the browser. `lastSeenAt` moves at most once a
 * minute (lib/auth/sessions.ts), so reading a session does not write on every request.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

/**
 * The text of a measure, paragraph by paragraph. `measures.text` is always the paragraphs joined,
 * kept in the same transaction. `version` rises on every change to the paragraph, so a save based
 * on an older version is refused instead of overwriting someone else's words.
 */
export const paragraphs = pgTable(
  "paragraphs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    text: text("text").notNull(),
    status: paragraphStatusEnum("status").notNull().default("agreed"),
    version: integer("version").notNull().default(1),
    // Deleted paragraphs keep their row so alternatives and history can still point at them.
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("paragraphs_measure_idx").on(t.measureId, t.ordinal)],
);
export type Paragraph = typeof paragraphs.$inferSelect;

/** Proposed wording for a paragraph (replace or delete it) or a new paragraph (insert after one). */
export const alternatives = pgTable(
  "alternatives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    // For replace and delete: the paragraph. For insert: the paragraph it follows (null: first).
    paragraphId: uuid("paragraph_id").references(() => paragraphs.id, { onDelete: "cascade" }),
    kind: alternativeKindEnum("kind").notNull(),
    text: text("text").notNull().default(""),
    rationale: text("rationale").notNull().default(""),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => members.id),
    status: alternativeStatusEnum("status").notNull().default("open"),
    createdAt: createdAt(),
  },
  (t) => [index("alternatives_measure_idx").on(t.measureId, t.createdAt)],
);
export type Alternative = typeof alternatives.$inferSelect;

export const backings = pgTable(
  "backings",
  {
    alternativeId: uuid("alternative_id")
      .notNull()
      .references(() => alternatives.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    camp: campEnum("camp").notNull(),
    stakeholderGroup: stakeholderGroupEnum("stakeholder_group").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("backings_unique").on(t.alternativeId, t.memberId)],
);

/** Every saved state of a measure's text. Issued ones carry a label (Rev.1, Rev.2, …). */
export const revisions = pgTable(
  "revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    issuedAs: integer("issued_as"),
    text: text("text").notNull(),
    summary: text("summary").notNull(),
    authorMemberId: uuid("author_member_id").references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("revisions_measure_number_unique").on(t.measureId, t.number),
    uniqueIndex("revisions_measure_issued_unique").on(t.measureId, t.issuedAs),
  ],
);
export type Revision = typeof revisions.$inferSelect;

/** A proposal to replace the whole text, accepted (making a revision) or rejected with a reason. */
export const amendments = pgTable(
  "amendments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    rationale: text("rationale").notNull(),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => members.id),
    status: amendmentStatusEnum("status").notNull().default("open"),
    decidedBy: uuid("decided_by").references(() => members.id),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("amendments_measure_idx").on(t.measureId, t.createdAt)],
);
export type Amendment = typeof amendments.$inferSelect;

/**
 * The speakers' list: a member's request for the floor, general or on one measure, from the
 * moment it is made until the member has spoken, withdrawn it or the chair removed it. It lives
 * here, not in memory, so every instance serves one queue and a restart loses no one's place.
 */
export const floorRequestStatuses = ["waiting", "speaking", "done", "withdrawn", "removed"] as const;
export const floorRequestStatusEnum = pgEnum("floor_request_status", floorRequestStatuses);

export const floorRequests = pgTable(
  "floor_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    // Null: the general debate.
    measureId: uuid("measure_id").references(() => measures.id, { onDelete: "set null" }),
    // Generated by the client, so a request sent twice puts the member on the list once.
    clientId: uuid("client_id").notNull(),
    status: floorRequestStatusEnum("status").notNull().default("waiting"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    // When the chair gave the floor, and when the speaking time runs out (null: no limit).
    startedAt: timestamp("started_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    // Who ended the turn or the request; null when the speaking time ran out.
    endedBy: uuid("ended_by").references(() => members.id),
  },
  (t) => [
    // One place on the list per member, and one speaker at a time.
    uniqueIndex("floor_requests_open_unique").on(t.forumId, t.memberId).where(sql`${t.status} in ('waiting', 'speaking')`),
    uniqueIndex("floor_requests_speaker_unique").on(t.forumId).where(sql`${t.status} = 'speaking'`),
    uniqueIndex("floor_requests_client_unique").on(t.memberId, t.clientId),
    index("floor_requests_queue_idx").on(t.forumId, t.requestedAt).where(sql`${t.status} = 'waiting'`),
    // The speaking-time sweep looks only at turns with a limit.
    index("floor_requests_due_idx").on(t.endsAt).where(sql`${t.status} = 'speaking'`),
  ],
);
export type FloorRequest = typeof floorRequests.$inferSelect;

/**
 * A member's report of a comment to the chair, with the reason. A member reports a comment once;
 * the chair's answer settles every open report of it: `upheld` when the chair hid the comment,
 * `dismissed` when the chair let it stand.
 */
export const commentReportStatuses = ["open", "upheld", "dismissed"] as const;
export const commentReportStatusEnum = pgEnum("comment_report_status", commentReportStatuses);

export const commentReports = pgTable(
  "comment_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    // The comment's forum, so the chair's queue is read without joining through measures.
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => members.id),
    reason: text("reason").notNull(),
    status: commentReportStatusEnum("status").notNull().default("open"),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => members.id),
    // The chair's note when dismissing (empty when none was given).
    resolutionNote: text("resolution_note"),
  },
  (t) => [
    uniqueIndex("comment_reports_comment_reporter_unique").on(t.commentId, t.reporterId),
    index("comment_reports_open_idx").on(t.forumId, t.createdAt).where(sql`${t.status} = 'open'`),
    index("comment_reports_forum_resolved_idx").on(t.forumId, t.resolvedAt),
  ],
);
export type CommentReport = typeof commentReports.$inferSelect;

/**
 * Comments the chair hid, with the reason everyone sees in their place. Its own table, keyed by
 * the comment: a comment is hidden at most once, and the comment's row stays as it was written.
 */
export const hiddenComments = pgTable("hidden_comments", {
  commentId: uuid("comment_id")
    .primaryKey()
    .references(() => comments.id, { onDelete: "cascade" }),
  hiddenBy: uuid("hidden_by")
    .notNull()
    .references(() => members.id),
  reason: text("reason").notNull(),
  hiddenAt: timestamp("hidden_at", { withTimezone: true }).notNull().defaultNow(),
});
export type HiddenComment = typeof hiddenComments.$inferSelect;
