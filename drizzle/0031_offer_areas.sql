-- offers.area_ids (uuid[]) becomes the join table offer_areas (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that remain"). Hand-written after drizzle-kit generate, as 0029_group_areas: the table,
-- the fill, the composite foreign keys, then the array goes.
CREATE TABLE "offer_areas" (
	"municipality_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "offer_areas_municipality_id_offer_id_area_id_pk" PRIMARY KEY("municipality_id","offer_id","area_id")
);
--> statement-breakpoint
CREATE INDEX "offer_areas_area_idx" ON "offer_areas" USING btree ("municipality_id","area_id");
--> statement-breakpoint
-- Fill from the array: only ids of an area of the row's own city (an id of another city's area, or
-- of no area, is dropped).
INSERT INTO "offer_areas" ("municipality_id", "offer_id", "area_id")
SELECT DISTINCT o."municipality_id", o."id", a."id"
FROM "offers" o CROSS JOIN LATERAL unnest(o."area_ids") AS x(area_id)
JOIN "areas" a ON a."municipality_id" = o."municipality_id" AND a."id" = x.area_id;
--> statement-breakpoint
-- The links belong to the offer (CASCADE); an area that offers concern cannot be deleted (NO ACTION).
ALTER TABLE "offer_areas" ADD CONSTRAINT "offer_areas_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offer_areas" ADD CONSTRAINT "offer_areas_offer_id_fk" FOREIGN KEY ("municipality_id", "offer_id") REFERENCES "offers" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offer_areas" ADD CONSTRAINT "offer_areas_area_id_fk" FOREIGN KEY ("municipality_id", "area_id") REFERENCES "areas" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offers" DROP COLUMN "area_ids";
