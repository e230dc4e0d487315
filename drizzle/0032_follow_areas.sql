-- follow_settings.area_ids (uuid[]) becomes the join table follow_areas (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that remain"). Hand-written after drizzle-kit generate, as 0029_group_areas: the table,
-- the fill, the composite foreign keys, then the array goes.
CREATE TABLE "follow_areas" (
	"municipality_id" uuid NOT NULL,
	"follow_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "follow_areas_municipality_id_follow_id_area_id_pk" PRIMARY KEY("municipality_id","follow_id","area_id")
);
--> statement-breakpoint
CREATE INDEX "follow_areas_area_idx" ON "follow_areas" USING btree ("municipality_id","area_id");
--> statement-breakpoint
-- follow_settings is now referenced: unique on (municipality_id, id) like every referenced table.
ALTER TABLE "follow_settings" ADD CONSTRAINT "follow_settings_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
-- Fill from the array: only ids of an area of the row's own city (an id of another city's area, or
-- of no area, is dropped).
INSERT INTO "follow_areas" ("municipality_id", "follow_id", "area_id")
SELECT DISTINCT o."municipality_id", o."id", a."id"
FROM "follow_settings" o CROSS JOIN LATERAL unnest(o."area_ids") AS x(area_id)
JOIN "areas" a ON a."municipality_id" = o."municipality_id" AND a."id" = x.area_id;
--> statement-breakpoint
-- The links belong to the follow setting (CASCADE, and so to its user); a followed area cannot be deleted (NO ACTION).
ALTER TABLE "follow_areas" ADD CONSTRAINT "follow_areas_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "follow_areas" ADD CONSTRAINT "follow_areas_follow_id_fk" FOREIGN KEY ("municipality_id", "follow_id") REFERENCES "follow_settings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "follow_areas" ADD CONSTRAINT "follow_areas_area_id_fk" FOREIGN KEY ("municipality_id", "area_id") REFERENCES "areas" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "follow_settings" DROP COLUMN "area_ids";
