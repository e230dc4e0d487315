CREATE TABLE "event_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"group_id" uuid,
	"department_id" uuid,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"minutes" integer NOT NULL,
	"applicant_user_id" uuid,
	"status" text DEFAULT 'applied' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"slot_order" integer,
	"slot_starts_at" timestamp with time zone,
	"slot_minutes" integer,
	"hearing_on" date,
	"hearing_notes" text DEFAULT '' NOT NULL,
	"told_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"accepts_groups" boolean DEFAULT true NOT NULL,
	"accepts_departments" boolean DEFAULT true NOT NULL,
	"deadline" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"programme_published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"application_id" uuid,
	"title" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_survey_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"satisfaction" integer NOT NULL,
	"met_group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"met_department_ids" uuid[] DEFAULT '{}' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "survey_token_hash" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "survey_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "event_applications_event_idx" ON "event_applications" USING btree ("municipality_id","event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_applications_group_uq" ON "event_applications" USING btree ("municipality_id","event_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_applications_department_uq" ON "event_applications" USING btree ("municipality_id","event_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_calls_event_uq" ON "event_calls" USING btree ("municipality_id","event_id");--> statement-breakpoint
CREATE INDEX "event_materials_event_idx" ON "event_materials" USING btree ("municipality_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_pairings_uq" ON "event_pairings" USING btree ("municipality_id","event_id","group_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_survey_answers_registration_uq" ON "event_survey_answers" USING btree ("municipality_id","registration_id");--> statement-breakpoint
-- Keys by city, as drizzle/0008_foreign_keys_by_city.sql (hand-written below the generated part):
-- a row can only point at a row of its own city (event_registrations gets its (municipality_id, id) key here).
ALTER TABLE "event_calls" ADD CONSTRAINT "event_calls_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "event_calls" ADD CONSTRAINT "event_calls_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_answers" ADD CONSTRAINT "event_survey_answers_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_calls" ADD CONSTRAINT "event_calls_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_calls" ADD CONSTRAINT "event_calls_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_call_id_fk" FOREIGN KEY ("municipality_id", "call_id") REFERENCES "event_calls" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_applications" ADD CONSTRAINT "event_applications_applicant_user_id_fk" FOREIGN KEY ("municipality_id", "applicant_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("applicant_user_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_application_id_fk" FOREIGN KEY ("municipality_id", "application_id") REFERENCES "event_applications" ("municipality_id", "id") ON DELETE SET NULL ("application_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_uploaded_by_fk" FOREIGN KEY ("municipality_id", "uploaded_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("uploaded_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_answers" ADD CONSTRAINT "event_survey_answers_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_pairing_id_fk" FOREIGN KEY ("municipality_id", "pairing_id") REFERENCES "pairings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_pairings" ADD CONSTRAINT "event_pairings_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "event_calls_created_by_fk_idx" ON "event_calls" ("municipality_id", "created_by");
--> statement-breakpoint
CREATE INDEX "event_applications_call_id_fk_idx" ON "event_applications" ("municipality_id", "call_id");
--> statement-breakpoint
CREATE INDEX "event_applications_applicant_user_id_fk_idx" ON "event_applications" ("municipality_id", "applicant_user_id");
--> statement-breakpoint
CREATE INDEX "event_materials_application_id_fk_idx" ON "event_materials" ("municipality_id", "application_id");
--> statement-breakpoint
CREATE INDEX "event_materials_uploaded_by_fk_idx" ON "event_materials" ("municipality_id", "uploaded_by");
--> statement-breakpoint
CREATE INDEX "event_survey_answers_event_id_fk_idx" ON "event_survey_answers" ("municipality_id", "event_id");
--> statement-breakpoint
CREATE INDEX "event_pairings_pairing_id_fk_idx" ON "event_pairings" ("municipality_id", "pairing_id");
--> statement-breakpoint
CREATE INDEX "event_pairings_group_id_fk_idx" ON "event_pairings" ("municipality_id", "group_id");
--> statement-breakpoint
CREATE INDEX "event_pairings_department_id_fk_idx" ON "event_pairings" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "event_pairings_created_by_fk_idx" ON "event_pairings" ("municipality_id", "created_by");
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "event_survey_answers" ADD CONSTRAINT "event_survey_answers_registration_id_fk" FOREIGN KEY ("municipality_id", "registration_id") REFERENCES "event_registrations" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
