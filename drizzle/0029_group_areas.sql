-- groups.area_ids (uuid[]) becomes the join table group_areas (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that remain"). Hand-written after drizzle-kit generate: the table, then the fill, then the
-- composite foreign keys, then the array goes.
CREATE TABLE "group_areas" (
	"municipality_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "group_areas_municipality_id_group_id_area_id_pk" PRIMARY KEY("municipality_id","group_id","area_id")
);
--> statement-breakpoint
CREATE INDEX "group_areas_area_idx" ON "group_areas" USING btree ("municipality_id","area_id");
--> statement-breakpoint
-- Fill from the array: only ids of an area of the group's own city (an id of another city's area, or
-- of no area, was shown as nothing and is dropped).
INSERT INTO "group_areas" ("municipality_id", "group_id", "area_id")
SELECT DISTINCT g."municipality_id", g."id", a."id"
FROM "groups" g CROSS JOIN LATERAL unnest(g."area_ids") AS x(area_id)
JOIN "areas" a ON a."municipality_id" = g."municipality_id" AND a."id" = x.area_id;
--> statement-breakpoint
-- The links belong to the group (CASCADE); an area that groups are active in cannot be deleted
-- (NO ACTION: areas are kept, like departments; a whole city goes with the keys deferred).
ALTER TABLE "group_areas" ADD CONSTRAINT "group_areas_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_areas" ADD CONSTRAINT "group_areas_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_areas" ADD CONSTRAINT "group_areas_area_id_fk" FOREIGN KEY ("municipality_id", "area_id") REFERENCES "areas" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
DROP INDEX "groups_areas_idx";
--> statement-breakpoint
ALTER TABLE "groups" DROP COLUMN "area_ids";
