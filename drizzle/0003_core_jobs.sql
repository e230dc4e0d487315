CREATE TABLE "job_runs" (
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_status" text DEFAULT 'ok' NOT NULL,
	"last_message" text DEFAULT '' NOT NULL,
	CONSTRAINT "job_runs_municipality_id_name_pk" PRIMARY KEY("municipality_id","name")
);
--> statement-breakpoint
CREATE TABLE "group_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_renewals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"renewed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text DEFAULT '' NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "name_norm" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "checklist" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "reminded_fiscal_year" integer;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "deletion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "source" text DEFAULT 'form' NOT NULL;--> statement-breakpoint
CREATE INDEX "group_documents_group_idx" ON "group_documents" USING btree ("municipality_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_renewals_uq" ON "group_renewals" USING btree ("group_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "group_renewals_fy_idx" ON "group_renewals" USING btree ("municipality_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "group_revisions_group_idx" ON "group_revisions" USING btree ("municipality_id","group_id","created_at");--> statement-breakpoint
CREATE INDEX "groups_search_trgm_idx" ON "groups" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "groups_name_trgm_idx" ON "groups" USING gin ("name_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "groups_kana_idx" ON "groups" USING btree ("municipality_id","name_kana");