CREATE TABLE "project_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agreed_on" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"total" integer NOT NULL,
	"city_share" integer NOT NULL,
	"group_share" integer DEFAULT 0 NOT NULL,
	"other_income" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" integer,
	"side" text NOT NULL,
	"achievement" text DEFAULT '' NOT NULL,
	"group_benefit" text DEFAULT '' NOT NULL,
	"city_benefit" text DEFAULT '' NOT NULL,
	"issues" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"due_on" date NOT NULL,
	"continuation" text,
	"carrier" text,
	"stop_reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"group_id" uuid,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"side" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"activities" text NOT NULL,
	"numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"task" text NOT NULL,
	"who" text NOT NULL,
	"partner_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "status" SET DEFAULT 'preparing';--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "department_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "end_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "goals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "origin" text DEFAULT 'pairing' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "city_contact" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "partner_contact" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "internal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "responsible_user_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "project_agreements_version_uq" ON "project_agreements" USING btree ("municipality_id","project_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "project_budgets_year_uq" ON "project_budgets" USING btree ("municipality_id","project_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "project_evaluations_project_idx" ON "project_evaluations" USING btree ("municipality_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_followups_months_uq" ON "project_followups" USING btree ("municipality_id","project_id","months");--> statement-breakpoint
CREATE INDEX "project_followups_due_idx" ON "project_followups" USING btree ("municipality_id","due_on") WHERE recorded_at IS NULL;--> statement-breakpoint
CREATE INDEX "project_partners_project_idx" ON "project_partners" USING btree ("municipality_id","project_id");--> statement-breakpoint
CREATE INDEX "project_reports_project_idx" ON "project_reports" USING btree ("municipality_id","project_id");--> statement-breakpoint
CREATE INDEX "project_roles_project_idx" ON "project_roles" USING btree ("municipality_id","project_id");--> statement-breakpoint
-- Hand-written below the generated part. The old two states become the first of the five:
-- active → 実施中 (running), finished → 終了 (ended).
UPDATE "projects" SET "status" = CASE "status" WHEN 'finished' THEN 'ended' WHEN 'active' THEN 'running' ELSE "status" END;
--> statement-breakpoint
-- Keys by city, as drizzle/0008_foreign_keys_by_city.sql (docs/decisions/0007): a row can only point at a row of its own city.
--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_budgets" ADD CONSTRAINT "project_budgets_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_roles" ADD CONSTRAINT "project_roles_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_agreements" ADD CONSTRAINT "project_agreements_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_followups" ADD CONSTRAINT "project_followups_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_budgets" ADD CONSTRAINT "project_budgets_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_roles" ADD CONSTRAINT "project_roles_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_agreements" ADD CONSTRAINT "project_agreements_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_followups" ADD CONSTRAINT "project_followups_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_budgets" ADD CONSTRAINT "project_budgets_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_roles" ADD CONSTRAINT "project_roles_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_agreements" ADD CONSTRAINT "project_agreements_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_followups" ADD CONSTRAINT "project_followups_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE SET NULL ("group_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_roles" ADD CONSTRAINT "project_roles_partner_id_fk" FOREIGN KEY ("municipality_id", "partner_id") REFERENCES "project_partners" ("municipality_id", "id") ON DELETE SET NULL ("partner_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_agreements" ADD CONSTRAINT "project_agreements_recorded_by_fk" FOREIGN KEY ("municipality_id", "recorded_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("recorded_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_author_id_fk" FOREIGN KEY ("municipality_id", "author_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("author_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_author_id_fk" FOREIGN KEY ("municipality_id", "author_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("author_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_followups" ADD CONSTRAINT "project_followups_recorded_by_fk" FOREIGN KEY ("municipality_id", "recorded_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("recorded_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "project_partners_group_id_fk_idx" ON "project_partners" ("municipality_id", "group_id");
--> statement-breakpoint
CREATE INDEX "project_roles_partner_id_fk_idx" ON "project_roles" ("municipality_id", "partner_id");
--> statement-breakpoint
CREATE INDEX "project_agreements_recorded_by_fk_idx" ON "project_agreements" ("municipality_id", "recorded_by");
--> statement-breakpoint
CREATE INDEX "project_reports_author_id_fk_idx" ON "project_reports" ("municipality_id", "author_id");
--> statement-breakpoint
CREATE INDEX "project_evaluations_author_id_fk_idx" ON "project_evaluations" ("municipality_id", "author_id");
--> statement-breakpoint
CREATE INDEX "project_followups_recorded_by_fk_idx" ON "project_followups" ("municipality_id", "recorded_by");
--> statement-breakpoint
-- PDCA self-check answers (issue 15 item 5)
CREATE TABLE "project_checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"side" text NOT NULL,
	"stage" text NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "project_checklists_uq" ON "project_checklists" USING btree ("municipality_id","project_id","side","stage");
--> statement-breakpoint
ALTER TABLE "project_checklists" ADD CONSTRAINT "project_checklists_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "project_checklists" ADD CONSTRAINT "project_checklists_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_checklists" ADD CONSTRAINT "project_checklists_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_checklists" ADD CONSTRAINT "project_checklists_answered_by_fk" FOREIGN KEY ("municipality_id", "answered_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("answered_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "project_checklists_answered_by_fk_idx" ON "project_checklists" ("municipality_id", "answered_by");
--> statement-breakpoint
-- 事例集 (issue 15 item 9): a finished project published as a case
ALTER TABLE "projects" ADD COLUMN "case_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "case_issue" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "case_outcome" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "case_lessons" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "case_fields" text[] DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- Photos and documents of progress reports (issue 15 item 6)
ALTER TABLE "project_reports" ADD COLUMN "files" jsonb DEFAULT '[]'::jsonb NOT NULL;
