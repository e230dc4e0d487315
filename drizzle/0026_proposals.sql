CREATE TABLE "proposal_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"course_code" text DEFAULT '' NOT NULL,
	"theme_id" uuid,
	"department_id" uuid,
	"title" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"local_issue" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"outcomes" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"team" text DEFAULT '' NOT NULL,
	"roles" text DEFAULT '' NOT NULL,
	"budget" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"eligibility_note" text DEFAULT '' NOT NULL,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"presentation_order" integer,
	"presentation_at" timestamp with time zone,
	"presentation_minutes" integer,
	"project_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_funnel_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"consultations" integer DEFAULT 0 NOT NULL,
	"applications" integer DEFAULT 0 NOT NULL,
	"adopted" integer DEFAULT 0 NOT NULL,
	"continued" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"fiscal_year" integer,
	"type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"courses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_frame" integer DEFAULT 0 NOT NULL,
	"upper_limit" integer DEFAULT 0 NOT NULL,
	"eligible_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ineligible_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"funded_years" integer DEFAULT 2 NOT NULL,
	"pre_consultation_required" boolean DEFAULT true NOT NULL,
	"deadline" timestamp with time zone,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stage" text DEFAULT 'preparing' NOT NULL,
	"panel_closed_at" timestamp with time zone,
	"presentation_place" text DEFAULT '' NOT NULL,
	"presentation_published" boolean DEFAULT false NOT NULL,
	"review_summary" text DEFAULT '' NOT NULL,
	"results_published" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_reviewers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"criterion" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"upper_limit" integer DEFAULT 0 NOT NULL,
	"need_id" uuid,
	"status" text DEFAULT 'proposed' NOT NULL,
	"hearing_note" text DEFAULT '' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"proposed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "proposal_applications_programme_idx" ON "proposal_applications" USING btree ("municipality_id","programme_id","status");--> statement-breakpoint
CREATE INDEX "proposal_applications_group_idx" ON "proposal_applications" USING btree ("municipality_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_conflicts_uq" ON "proposal_conflicts" USING btree ("municipality_id","application_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_consultations_programme_idx" ON "proposal_consultations" USING btree ("municipality_id","programme_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_funnel_history_uq" ON "proposal_funnel_history" USING btree ("municipality_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "proposal_programmes_city_idx" ON "proposal_programmes" USING btree ("municipality_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_reviewers_uq" ON "proposal_reviewers" USING btree ("municipality_id","programme_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_scores_uq" ON "proposal_scores" USING btree ("municipality_id","application_id","reviewer_id","stage","criterion");--> statement-breakpoint
CREATE INDEX "proposal_themes_programme_idx" ON "proposal_themes" USING btree ("municipality_id","programme_id");