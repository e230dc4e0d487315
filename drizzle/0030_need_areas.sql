-- needs.area_ids (uuid[]) becomes the join table need_areas (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that remain"). Hand-written after drizzle-kit generate, as 0029_group_areas: the table,
-- the fill, the composite foreign keys, then the array goes.
CREATE TABLE "need_areas" (
	"municipality_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "need_areas_municipality_id_need_id_area_id_pk" PRIMARY KEY("municipality_id","need_id","area_id")
);
--> statement-breakpoint
CREATE INDEX "need_areas_area_idx" ON "need_areas" USING btree ("municipality_id","area_id");
--> statement-breakpoint
-- Fill from the array: only ids of an area of the row's own city (an id of another city's area, or
-- of no area, is dropped).
INSERT INTO "need_areas" ("municipality_id", "need_id", "area_id")
SELECT DISTINCT o."municipality_id", o."id", a."id"
FROM "needs" o CROSS JOIN LATERAL unnest(o."area_ids") AS x(area_id)
JOIN "areas" a ON a."municipality_id" = o."municipality_id" AND a."id" = x.area_id;
--> statement-breakpoint
-- The links belong to the need (CASCADE); an area that needs concern cannot be deleted (NO ACTION).
ALTER TABLE "need_areas" ADD CONSTRAINT "need_areas_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_areas" ADD CONSTRAINT "need_areas_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_areas" ADD CONSTRAINT "need_areas_area_id_fk" FOREIGN KEY ("municipality_id", "area_id") REFERENCES "areas" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
DROP INDEX "needs_areas_idx";
--> statement-breakpoint
ALTER TABLE "needs" DROP COLUMN "area_ids";
