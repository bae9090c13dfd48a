CREATE TYPE "public"."floor_request_status" AS ENUM('waiting', 'speaking', 'done', 'withdrawn', 'removed');--> statement-breakpoint
CREATE TABLE "floor_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forum_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"measure_id" uuid,
	"client_id" uuid NOT NULL,
	"status" "floor_request_status" DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" uuid
);
--> statement-breakpoint
ALTER TABLE "floor_requests" ADD CONSTRAINT "floor_requests_forum_id_forums_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."forums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floor_requests" ADD CONSTRAINT "floor_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floor_requests" ADD CONSTRAINT "floor_requests_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floor_requests" ADD CONSTRAINT "floor_requests_ended_by_members_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "floor_requests_open_unique" ON "floor_requests" USING btree ("forum_id","member_id") WHERE "floor_requests"."status" in ('waiting', 'speaking');--> statement-breakpoint
CREATE UNIQUE INDEX "floor_requests_speaker_unique" ON "floor_requests" USING btree ("forum_id") WHERE "floor_requests"."status" = 'speaking';--> statement-breakpoint
CREATE UNIQUE INDEX "floor_requests_client_unique" ON "floor_requests" USING btree ("member_id","client_id");--> statement-breakpoint
CREATE INDEX "floor_requests_queue_idx" ON "floor_requests" USING btree ("forum_id","requested_at") WHERE "floor_requests"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "floor_requests_due_idx" ON "floor_requests" USING btree ("ends_at") WHERE "floor_requests"."status" = 'speaking';