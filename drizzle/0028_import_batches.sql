CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"state" text DEFAULT 'staging' NOT NULL,
	"target_status" text NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
CREATE INDEX "groups_import_batch_idx" ON "groups" USING btree ("import_batch_id") WHERE "groups"."import_batch_id" IS NOT NULL;