CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"people" integer DEFAULT 1 NOT NULL,
	"accessibility_needs" text DEFAULT '' NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"cancel_token_hash" text NOT NULL,
	"attended" boolean DEFAULT false NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"title_kana" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"online_url" text DEFAULT '' NOT NULL,
	"place_name" text DEFAULT '' NOT NULL,
	"place_address" text DEFAULT '' NOT NULL,
	"place_accessibility" text DEFAULT '' NOT NULL,
	"place_access" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"audience" text DEFAULT '' NOT NULL,
	"fee" text DEFAULT '' NOT NULL,
	"organiser_department_ids" uuid[] DEFAULT '{}' NOT NULL,
	"organiser_group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"accepts_registrations" boolean DEFAULT true NOT NULL,
	"registration_deadline" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"record" text DEFAULT '' NOT NULL,
	"record_published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("municipality_id","event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_email_uq" ON "event_registrations" USING btree ("municipality_id","event_id","email") WHERE status <> 'cancelled' AND email <> '';--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("municipality_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_status_idx" ON "events" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "events_fields_idx" ON "events" USING gin ("fields");--> statement-breakpoint
-- Keys by city, as drizzle/0008_foreign_keys_by_city.sql (hand-written below the generated part):
-- a row can only point at a row of its own city. Organiser ids are arrays and carry no key.
ALTER TABLE "events" ADD CONSTRAINT "events_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("user_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE INDEX "events_created_by_fk_idx" ON "events" ("municipality_id", "created_by");
--> statement-breakpoint
CREATE INDEX "event_registrations_user_id_fk_idx" ON "event_registrations" ("municipality_id", "user_id");
