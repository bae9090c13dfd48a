// The one database schema (PostgreSQL dialect), used by PGlite and PostgreSQL alike.
import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  camps,
  measureKinds,
  measureStatuses,
  roles,
  stakeholderGroups,
  stances,
} from "../lib/vocabulary";

export const roleEnum = pgEnum("role", roles);
export const stakeholderGroupEnum = pgEnum("stakeholder_group", stakeholderGroups);
export const campEnum = pgEnum("camp", camps);
export const stanceEnum = pgEnum("stance", stances);
export const measureKindEnum = pgEnum("measure_kind", measureKinds);
export const measureStatusEnum = pgEnum("measure_status", measureStatuses);

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
