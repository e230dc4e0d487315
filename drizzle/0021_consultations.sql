CREATE TABLE "consultation_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"department_id" uuid,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"receipt_no" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"text" text NOT NULL,
	"sender_kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"destination" text DEFAULT 'office' NOT NULL,
	"requested_department_id" uuid,
	"suggestions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"due_on" date,
	"token_hash" text NOT NULL,
	"handler_user_id" uuid,
	"pairing_id" uuid,
	"need_id" uuid,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "origin_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "origin_href" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_assignments_uq" ON "consultation_assignments" USING btree ("municipality_id","consultation_id","department_id");--> statement-breakpoint
CREATE INDEX "consultation_assignments_department_idx" ON "consultation_assignments" USING btree ("municipality_id","department_id");--> statement-breakpoint
CREATE INDEX "consultation_messages_consultation_idx" ON "consultation_messages" USING btree ("municipality_id","consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_templates_city_idx" ON "consultation_templates" USING btree ("municipality_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_receipt_uq" ON "consultations" USING btree ("municipality_id","year","seq");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("municipality_id","status","created_at");--> statement-breakpoint
-- Keys by city, as drizzle/0008_foreign_keys_by_city.sql (hand-written below the generated part):
-- a row can only point at a row of its own city.
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_assignments" ADD CONSTRAINT "consultation_assignments_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_templates" ADD CONSTRAINT "consultation_templates_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_requested_department_id_fk" FOREIGN KEY ("municipality_id", "requested_department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE SET NULL ("requested_department_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE SET NULL ("need_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_assignments" ADD CONSTRAINT "consultation_assignments_consultation_id_fk" FOREIGN KEY ("municipality_id", "consultation_id") REFERENCES "consultations" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_assignments" ADD CONSTRAINT "consultation_assignments_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_assignments" ADD CONSTRAINT "consultation_assignments_assigned_by_fk" FOREIGN KEY ("municipality_id", "assigned_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("assigned_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_consultation_id_fk" FOREIGN KEY ("municipality_id", "consultation_id") REFERENCES "consultations" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE SET NULL ("department_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_author_id_fk" FOREIGN KEY ("municipality_id", "author_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("author_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "consultation_templates" ADD CONSTRAINT "consultation_templates_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "consultations_requested_department_id_fk_idx" ON "consultations" ("municipality_id", "requested_department_id");
--> statement-breakpoint
CREATE INDEX "consultations_need_id_fk_idx" ON "consultations" ("municipality_id", "need_id");
--> statement-breakpoint
CREATE INDEX "consultation_assignments_assigned_by_fk_idx" ON "consultation_assignments" ("municipality_id", "assigned_by");
--> statement-breakpoint
CREATE INDEX "consultation_messages_department_id_fk_idx" ON "consultation_messages" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "consultation_messages_author_id_fk_idx" ON "consultation_messages" ("municipality_id", "author_id");
--> statement-breakpoint
CREATE INDEX "consultation_templates_created_by_fk_idx" ON "consultation_templates" ("municipality_id", "created_by");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_handler_user_id_fk" FOREIGN KEY ("municipality_id", "handler_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("handler_user_id") DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
CREATE INDEX "consultations_handler_user_id_fk_idx" ON "consultations" ("municipality_id", "handler_user_id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_pairing_id_fk" FOREIGN KEY ("municipality_id", "pairing_id") REFERENCES "pairings" ("municipality_id", "id") ON DELETE SET NULL ("pairing_id") DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
CREATE INDEX "consultations_pairing_id_fk_idx" ON "consultations" ("municipality_id", "pairing_id");
