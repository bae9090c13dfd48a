CREATE TYPE "public"."alternative_kind" AS ENUM('replace', 'insert', 'delete');--> statement-breakpoint
CREATE TYPE "public"."alternative_status" AS ENUM('open', 'chosen', 'set_aside');--> statement-breakpoint
CREATE TYPE "public"."amendment_status" AS ENUM('open', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."paragraph_status" AS ENUM('agreed', 'bracketed');--> statement-breakpoint
CREATE TABLE "alternatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"paragraph_id" uuid,
	"kind" "alternative_kind" NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"status" "alternative_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"text" text NOT NULL,
	"rationale" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"status" "amendment_status" DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backings" (
	"alternative_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"camp" "camp" NOT NULL,
	"stakeholder_group" "stakeholder_group" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paragraphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"status" "paragraph_status" DEFAULT 'agreed' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"issued_as" integer,
	"text" text NOT NULL,
	"summary" text NOT NULL,
	"author_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_paragraph_id_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_proposed_by_members_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposed_by_members_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_decided_by_members_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backings" ADD CONSTRAINT "backings_alternative_id_alternatives_id_fk" FOREIGN KEY ("alternative_id") REFERENCES "public"."alternatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backings" ADD CONSTRAINT "backings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paragraphs" ADD CONSTRAINT "paragraphs_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_author_member_id_members_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alternatives_measure_idx" ON "alternatives" USING btree ("measure_id","created_at");--> statement-breakpoint
CREATE INDEX "amendments_measure_idx" ON "amendments" USING btree ("measure_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "backings_unique" ON "backings" USING btree ("alternative_id","member_id");--> statement-breakpoint
CREATE INDEX "paragraphs_measure_idx" ON "paragraphs" USING btree ("measure_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_measure_number_unique" ON "revisions" USING btree ("measure_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_measure_issued_unique" ON "revisions" USING btree ("measure_id","issued_as");--> statement-breakpoint
-- Measures written before paragraphs existed: split their text at blank lines, and record it as
-- their first revision.
INSERT INTO "paragraphs" ("measure_id", "ordinal", "text")
SELECT m."id", p.ord::integer, trim(p.txt)
FROM "measures" m, regexp_split_to_table(m."text", E'\n[ \t]*\n') WITH ORDINALITY AS p(txt, ord)
WHERE trim(p.txt) <> '';
--> statement-breakpoint
INSERT INTO "revisions" ("measure_id", "number", "text", "summary", "author_member_id")
SELECT "id", 1, "text", 'Original text', "proposed_by" FROM "measures";
