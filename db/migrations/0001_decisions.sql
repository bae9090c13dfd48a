CREATE TYPE "public"."decision_rule" AS ENUM('simple_majority', 'two_thirds', 'consensus', 'cross_camp', 'silence');--> statement-breakpoint
CREATE TYPE "public"."forum_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."measure_category" AS ENUM('transparency', 'cooperation_communication', 'stability_restraint', 'capacity_building', 'critical_infrastructure', 'other');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"forum_id" uuid NOT NULL,
	"actor_member_id" uuid,
	"action" text NOT NULL,
	"measure_id" uuid,
	"subject_member_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"forum_id" uuid NOT NULL,
	"rule" "decision_rule" NOT NULL,
	"quorum" integer,
	"cross_camp_min" integer DEFAULT 1 NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" "measure_status",
	"final_tally" jsonb,
	"final_verdict" jsonb,
	"final_objections" jsonb
);
--> statement-breakpoint
CREATE TABLE "measure_authors" (
	"measure_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"camp" "camp" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "status" "forum_status" DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "default_rule" "decision_rule" DEFAULT 'simple_majority' NOT NULL;--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "default_quorum" integer;--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "default_cross_camp_min" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "category" "measure_category" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_forum_id_forums_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."forums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_member_id_members_id_fk" FOREIGN KEY ("actor_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_subject_member_id_members_id_fk" FOREIGN KEY ("subject_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_forum_id_forums_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."forums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_opened_by_members_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_closed_by_members_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_authors" ADD CONSTRAINT "measure_authors_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_authors" ADD CONSTRAINT "measure_authors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_forum_idx" ON "audit_events" USING btree ("forum_id","id");--> statement-breakpoint
CREATE INDEX "audit_measure_idx" ON "audit_events" USING btree ("measure_id","id");--> statement-breakpoint
CREATE INDEX "decisions_measure_idx" ON "decisions" USING btree ("measure_id","opened_at");--> statement-breakpoint
CREATE INDEX "decisions_open_deadline_idx" ON "decisions" USING btree ("deadline") WHERE "decisions"."closed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "measure_authors_unique" ON "measure_authors" USING btree ("measure_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "objections_decision_member_unique" ON "objections" USING btree ("decision_id","member_id");