-- projects.department_ids (uuid[]) becomes the join table project_departments, and projects.group_ids
-- goes (docs/decisions/0007-foreign-keys-by-city.md, "Arrays that remain"). Hand-written after
-- drizzle-kit generate, as 0029_group_areas.
CREATE TABLE "project_departments" (
	"municipality_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "project_departments_municipality_id_project_id_department_id_pk" PRIMARY KEY("municipality_id","project_id","department_id")
);
--> statement-breakpoint
CREATE INDEX "project_departments_department_idx" ON "project_departments" USING btree ("municipality_id","department_id");
--> statement-breakpoint
-- Fill from the array: only departments of the project's own city, never the lead department
-- itself (the form leaves it out too).
INSERT INTO "project_departments" ("municipality_id", "project_id", "department_id")
SELECT DISTINCT o."municipality_id", o."id", d."id"
FROM "projects" o CROSS JOIN LATERAL unnest(o."department_ids") AS x(department_id)
JOIN "departments" d ON d."municipality_id" = o."municipality_id" AND d."id" = x.department_id
WHERE d."id" <> o."department_id";
--> statement-breakpoint
-- The links belong to the project (CASCADE); a department cannot go while projects name it
-- (NO ACTION, as projects.department_id: departments are deactivated, never deleted).
ALTER TABLE "project_departments" ADD CONSTRAINT "project_departments_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_departments" ADD CONSTRAINT "project_departments_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "project_departments" ADD CONSTRAINT "project_departments_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
-- group_ids mirrored the registered groups among project_partners (kept in step by the code, with
-- the partners' composite key to groups since 0025): the partners are the record, and the groups of
-- a project are now read from them. A group the array named without a partner row (written before
-- the partners existed) becomes a partner, so no project loses a group.
INSERT INTO "project_partners" ("municipality_id", "project_id", "kind", "group_id", "name", "sort_order")
SELECT DISTINCT o."municipality_id", o."id", 'group', g."id", g."name", 0
FROM "projects" o CROSS JOIN LATERAL unnest(o."group_ids") AS x(group_id)
JOIN "groups" g ON g."municipality_id" = o."municipality_id" AND g."id" = x.group_id
WHERE NOT EXISTS (SELECT 1 FROM "project_partners" p WHERE p."municipality_id" = o."municipality_id"
  AND p."project_id" = o."id" AND p."group_id" = g."id");
--> statement-breakpoint
DROP INDEX "projects_groups_idx";
--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "department_ids";
--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "group_ids";
