CREATE TABLE "collaboration_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"form" text NOT NULL,
	"count" integer NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"attribute" integer NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"answers" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"submitted_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"due_on" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"summaries" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opinions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "collaboration_history_uq" ON "collaboration_history" USING btree ("municipality_id","fiscal_year","form");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_dept_uq" ON "survey_responses" USING btree ("municipality_id","survey_id","department_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("municipality_id","survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_year_uq" ON "surveys" USING btree ("municipality_id","fiscal_year");