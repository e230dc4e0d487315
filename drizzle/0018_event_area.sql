-- 地区 of an event's place (issue 12 item 5: the event list filters by area). Null = city-wide or online.
ALTER TABLE "events" ADD COLUMN "area_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_area_id_fk" FOREIGN KEY ("municipality_id", "area_id") REFERENCES "areas" ("municipality_id", "id") ON DELETE SET NULL ("area_id") DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
CREATE INDEX "events_area_id_fk_idx" ON "events" ("municipality_id", "area_id");
