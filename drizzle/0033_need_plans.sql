-- needs.plan_ids (uuid[]) becomes the join table need_plans (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that remain"). Hand-written after drizzle-kit generate, as 0029_group_areas: the table,
-- the fill, the composite foreign keys, then the array goes.
CREATE TABLE "need_plans" (
	"municipality_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	CONSTRAINT "need_plans_municipality_id_need_id_plan_id_pk" PRIMARY KEY("municipality_id","need_id","plan_id")
);
--> statement-breakpoint
CREATE INDEX "need_plans_plan_idx" ON "need_plans" USING btree ("municipality_id","plan_id");
--> statement-breakpoint
-- Fill from the array: only ids of a plan of the need's own city (an id of another city's plan, or
-- of no plan, is dropped).
INSERT INTO "need_plans" ("municipality_id", "need_id", "plan_id")
SELECT DISTINCT o."municipality_id", o."id", p."id"
FROM "needs" o CROSS JOIN LATERAL unnest(o."plan_ids") AS x(plan_id)
JOIN "city_plans" p ON p."municipality_id" = o."municipality_id" AND p."id" = x.plan_id;
--> statement-breakpoint
-- The links belong to the need (CASCADE); a plan that needs serve cannot be deleted (NO ACTION:
-- plans are deactivated, never deleted).
ALTER TABLE "need_plans" ADD CONSTRAINT "need_plans_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_plans" ADD CONSTRAINT "need_plans_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_plans" ADD CONSTRAINT "need_plans_plan_id_fk" FOREIGN KEY ("municipality_id", "plan_id") REFERENCES "city_plans" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "needs" DROP COLUMN "plan_ids";
