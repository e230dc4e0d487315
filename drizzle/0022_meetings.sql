CREATE TABLE "meeting_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"state" text DEFAULT 'todo' NOT NULL,
	"done_at" timestamp with time zone,
	"overdue_mailed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"mark" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"department_id" uuid,
	"group_id" uuid,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"subject_type" text DEFAULT 'none' NOT NULL,
	"subject_id" uuid,
	"subject_title" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"department_id" uuid,
	"organiser_id" uuid,
	"status" text DEFAULT 'scheduling' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"fixed_candidate_id" uuid,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"minuted_at" timestamp with time zone,
	"minuted_by" uuid,
	"reminded_at" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_actions_owner_idx" ON "meeting_actions" USING btree ("municipality_id","owner_id","state");--> statement-breakpoint
CREATE INDEX "meeting_actions_meeting_idx" ON "meeting_actions" USING btree ("municipality_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_candidates_meeting_idx" ON "meeting_candidates" USING btree ("municipality_id","meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_marks_uq" ON "meeting_marks" USING btree ("municipality_id","candidate_id","participant_id");--> statement-breakpoint
CREATE INDEX "meeting_marks_meeting_idx" ON "meeting_marks" USING btree ("municipality_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_participants_meeting_idx" ON "meeting_participants" USING btree ("municipality_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_participants_user_idx" ON "meeting_participants" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE INDEX "meetings_subject_idx" ON "meetings" USING btree ("municipality_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "meetings_status_idx" ON "meetings" USING btree ("municipality_id","status","starts_at");--> statement-breakpoint
-- Keys by city, as drizzle/0008_foreign_keys_by_city.sql (hand-written below the generated part):
-- a row can only point at a row of its own city. subject_id has no key: the subject may be a row of
-- any room (pairing, consultation, proposal, project).
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "meeting_candidates" ADD CONSTRAINT "meeting_candidates_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_candidates" ADD CONSTRAINT "meeting_candidates_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_marks" ADD CONSTRAINT "meeting_marks_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE SET NULL ("department_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organiser_id_fk" FOREIGN KEY ("municipality_id", "organiser_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("organiser_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minuted_by_fk" FOREIGN KEY ("municipality_id", "minuted_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("minuted_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_fixed_candidate_id_fk" FOREIGN KEY ("municipality_id", "fixed_candidate_id") REFERENCES "meeting_candidates" ("municipality_id", "id") ON DELETE SET NULL ("fixed_candidate_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_candidates" ADD CONSTRAINT "meeting_candidates_meeting_id_fk" FOREIGN KEY ("municipality_id", "meeting_id") REFERENCES "meetings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_fk" FOREIGN KEY ("municipality_id", "meeting_id") REFERENCES "meetings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_marks" ADD CONSTRAINT "meeting_marks_meeting_id_fk" FOREIGN KEY ("municipality_id", "meeting_id") REFERENCES "meetings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_marks" ADD CONSTRAINT "meeting_marks_candidate_id_fk" FOREIGN KEY ("municipality_id", "candidate_id") REFERENCES "meeting_candidates" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_marks" ADD CONSTRAINT "meeting_marks_participant_id_fk" FOREIGN KEY ("municipality_id", "participant_id") REFERENCES "meeting_participants" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_fk" FOREIGN KEY ("municipality_id", "meeting_id") REFERENCES "meetings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_id_fk" FOREIGN KEY ("municipality_id", "owner_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "meetings_department_id_fk_idx" ON "meetings" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "meetings_organiser_id_fk_idx" ON "meetings" ("municipality_id", "organiser_id");
--> statement-breakpoint
CREATE INDEX "meetings_minuted_by_fk_idx" ON "meetings" ("municipality_id", "minuted_by");
--> statement-breakpoint
CREATE INDEX "meetings_fixed_candidate_id_fk_idx" ON "meetings" ("municipality_id", "fixed_candidate_id");
--> statement-breakpoint
CREATE INDEX "meeting_participants_department_id_fk_idx" ON "meeting_participants" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "meeting_participants_group_id_fk_idx" ON "meeting_participants" ("municipality_id", "group_id");
--> statement-breakpoint
CREATE INDEX "meeting_marks_candidate_id_fk_idx" ON "meeting_marks" ("municipality_id", "candidate_id");
--> statement-breakpoint
CREATE INDEX "meeting_marks_participant_id_fk_idx" ON "meeting_marks" ("municipality_id", "participant_id");
--> statement-breakpoint
CREATE INDEX "meeting_actions_created_by_fk_idx" ON "meeting_actions" ("municipality_id", "created_by");
