-- 引継ぎ (issue 13 item 4): a staff member's open work given to a successor with a note, then
-- acknowledged by the successor; the items as they were are kept for the history.
CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"promises" text DEFAULT '' NOT NULL,
	"temperature" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"ack_note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"handover_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"href" text DEFAULT '' NOT NULL,
	"state" text DEFAULT '' NOT NULL,
	"group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "handovers_to_idx" ON "handovers" USING btree ("municipality_id","to_user_id","status");--> statement-breakpoint
CREATE INDEX "handovers_from_idx" ON "handovers" USING btree ("municipality_id","from_user_id");--> statement-breakpoint
CREATE INDEX "handover_items_handover_idx" ON "handover_items" USING btree ("municipality_id","handover_id");--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_city_id_uq" UNIQUE ("municipality_id", "id");--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_from_user_id_fk" FOREIGN KEY ("municipality_id", "from_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_to_user_id_fk" FOREIGN KEY ("municipality_id", "to_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_handover_id_fk" FOREIGN KEY ("municipality_id", "handover_id") REFERENCES "handovers" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
CREATE INDEX "handovers_from_user_id_fk_idx" ON "handovers" ("municipality_id", "from_user_id");--> statement-breakpoint
CREATE INDEX "handovers_created_by_fk_idx" ON "handovers" ("municipality_id", "created_by");
