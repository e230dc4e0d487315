CREATE TABLE "city_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"area_ids" uuid[] DEFAULT '{}' NOT NULL,
	"digest" text DEFAULT 'weekly' NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_group_terms" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"terms" text[] DEFAULT '{}' NOT NULL,
	"track_terms" text[] DEFAULT '{}' NOT NULL,
	"source_hash" text DEFAULT '' NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearing_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"hearing_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"answer" text DEFAULT 'pending' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"remind_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "menu_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"department_id" uuid,
	"conditions" text DEFAULT '' NOT NULL,
	"how_to_apply" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" text DEFAULT 'interest' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"plan_ids" uuid[] DEFAULT '{}' NOT NULL,
	"has_budget" boolean DEFAULT false NOT NULL,
	"budget_limit" integer,
	"city_offers" text[] DEFAULT '{}' NOT NULL,
	"city_offers_note" text DEFAULT '' NOT NULL,
	"partner_wants" text[] DEFAULT '{}' NOT NULL,
	"partner_note" text DEFAULT '' NOT NULL,
	"forms" text[] DEFAULT '{}' NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"area_ids" uuid[] DEFAULT '{}' NOT NULL,
	"citywide" boolean DEFAULT false NOT NULL,
	"period_start" date,
	"period_end" date,
	"deadline" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"hearing_id" uuid,
	"author_id" uuid,
	"published_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"href" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"area_ids" uuid[] DEFAULT '{}' NOT NULL,
	"citywide" boolean DEFAULT false NOT NULL,
	"forms" text[] DEFAULT '{}' NOT NULL,
	"resources" text[] DEFAULT '{}' NOT NULL,
	"timing" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"author_id" uuid,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"on" date,
	"title" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"need_id" uuid,
	"offer_id" uuid,
	"group_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"stage" text DEFAULT 'candidate' NOT NULL,
	"responsible_user_id" uuid,
	"introduced_on" date,
	"agreed_on" date,
	"closed_on" date,
	"closed_reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"score" real,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"project_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"form" text NOT NULL,
	"department_id" uuid NOT NULL,
	"group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"start_on" date NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"need_id" uuid,
	"pairing_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "city_plans_name_uq" ON "city_plans" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_settings_user_uq" ON "follow_settings" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE INDEX "matching_group_terms_terms_idx" ON "matching_group_terms" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "matching_group_terms_city_idx" ON "matching_group_terms" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_answers_uq" ON "hearing_answers" USING btree ("hearing_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_interests_uq" ON "need_interests" USING btree ("need_id","group_id","kind");--> statement-breakpoint
CREATE INDEX "needs_status_idx" ON "needs" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "needs_dept_idx" ON "needs" USING btree ("municipality_id","department_id");--> statement-breakpoint
CREATE INDEX "needs_fields_idx" ON "needs" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "needs_areas_idx" ON "needs" USING gin ("area_ids");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("municipality_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_group_idx" ON "offers" USING btree ("municipality_id","group_id");--> statement-breakpoint
CREATE INDEX "offers_fields_idx" ON "offers" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "pairing_events_pairing_idx" ON "pairing_events" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairings_stage_idx" ON "pairings" USING btree ("municipality_id","stage");--> statement-breakpoint
CREATE INDEX "pairings_group_idx" ON "pairings" USING btree ("municipality_id","group_id");--> statement-breakpoint
CREATE INDEX "pairings_dept_idx" ON "pairings" USING btree ("municipality_id","department_id");--> statement-breakpoint
CREATE INDEX "projects_groups_idx" ON "projects" USING gin ("group_ids");