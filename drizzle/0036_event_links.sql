-- The events room's uuid[] relations become join tables (docs/decisions/0007-foreign-keys-by-city.md,
-- "Arrays that became join tables"): events.organiser_department_ids → event_organiser_departments,
-- events.organiser_group_ids → event_organiser_groups, event_survey_answers.met_group_ids →
-- event_survey_met_groups, event_survey_answers.met_department_ids → event_survey_met_departments.
-- Hand-written after drizzle-kit generate, as 0029_group_areas: the tables, the fill, the composite
-- foreign keys, then the arrays go.
CREATE TABLE "event_organiser_departments" (
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "event_organiser_departments_municipality_id_event_id_department_id_pk" PRIMARY KEY("municipality_id","event_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "event_organiser_groups" (
	"municipality_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "event_organiser_groups_municipality_id_event_id_group_id_pk" PRIMARY KEY("municipality_id","event_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "event_survey_met_departments" (
	"municipality_id" uuid NOT NULL,
	"answer_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "event_survey_met_departments_municipality_id_answer_id_department_id_pk" PRIMARY KEY("municipality_id","answer_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "event_survey_met_groups" (
	"municipality_id" uuid NOT NULL,
	"answer_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "event_survey_met_groups_municipality_id_answer_id_group_id_pk" PRIMARY KEY("municipality_id","answer_id","group_id")
);
--> statement-breakpoint
CREATE INDEX "event_organiser_departments_department_idx" ON "event_organiser_departments" USING btree ("municipality_id","department_id");
--> statement-breakpoint
CREATE INDEX "event_organiser_groups_group_idx" ON "event_organiser_groups" USING btree ("municipality_id","group_id");
--> statement-breakpoint
CREATE INDEX "event_survey_met_departments_department_idx" ON "event_survey_met_departments" USING btree ("municipality_id","department_id");
--> statement-breakpoint
CREATE INDEX "event_survey_met_groups_group_idx" ON "event_survey_met_groups" USING btree ("municipality_id","group_id");
--> statement-breakpoint
-- event_survey_answers is now referenced: unique on (municipality_id, id) like every referenced table.
ALTER TABLE "event_survey_answers" ADD CONSTRAINT "event_survey_answers_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
-- Fill from the arrays: only ids of a department or group of the row's own city (an id of another
-- city's row, or of no row, was shown as nothing and is dropped).
INSERT INTO "event_organiser_departments" ("municipality_id", "event_id", "department_id")
SELECT DISTINCT o."municipality_id", o."id", d."id"
FROM "events" o CROSS JOIN LATERAL unnest(o."organiser_department_ids") AS x(department_id)
JOIN "departments" d ON d."municipality_id" = o."municipality_id" AND d."id" = x.department_id;
--> statement-breakpoint
INSERT INTO "event_organiser_groups" ("municipality_id", "event_id", "group_id")
SELECT DISTINCT o."municipality_id", o."id", g."id"
FROM "events" o CROSS JOIN LATERAL unnest(o."organiser_group_ids") AS x(group_id)
JOIN "groups" g ON g."municipality_id" = o."municipality_id" AND g."id" = x.group_id;
--> statement-breakpoint
INSERT INTO "event_survey_met_groups" ("municipality_id", "answer_id", "group_id")
SELECT DISTINCT o."municipality_id", o."id", g."id"
FROM "event_survey_answers" o CROSS JOIN LATERAL unnest(o."met_group_ids") AS x(group_id)
JOIN "groups" g ON g."municipality_id" = o."municipality_id" AND g."id" = x.group_id;
--> statement-breakpoint
INSERT INTO "event_survey_met_departments" ("municipality_id", "answer_id", "department_id")
SELECT DISTINCT o."municipality_id", o."id", d."id"
FROM "event_survey_answers" o CROSS JOIN LATERAL unnest(o."met_department_ids") AS x(department_id)
JOIN "departments" d ON d."municipality_id" = o."municipality_id" AND d."id" = x.department_id;
--> statement-breakpoint
-- The organisers belong to the event (CASCADE); a department or group that organises an event
-- cannot be deleted (NO ACTION, as the earlier join tables: departments are deactivated and a
-- group's deletion anonymises the row, so neither disappears in use; a whole city goes with the
-- keys deferred).
ALTER TABLE "event_organiser_departments" ADD CONSTRAINT "event_organiser_departments_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_organiser_departments" ADD CONSTRAINT "event_organiser_departments_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_organiser_departments" ADD CONSTRAINT "event_organiser_departments_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_organiser_groups" ADD CONSTRAINT "event_organiser_groups_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_organiser_groups" ADD CONSTRAINT "event_organiser_groups_event_id_fk" FOREIGN KEY ("municipality_id", "event_id") REFERENCES "events" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_organiser_groups" ADD CONSTRAINT "event_organiser_groups_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
-- Whom a participant met belongs to the answer (CASCADE). The answers are anonymous statistics and
-- the room's other links to groups and departments (event_applications, event_pairings) cascade:
-- a group or department removed takes its "met" links with it (CASCADE) rather than blocking.
ALTER TABLE "event_survey_met_groups" ADD CONSTRAINT "event_survey_met_groups_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_met_groups" ADD CONSTRAINT "event_survey_met_groups_answer_id_fk" FOREIGN KEY ("municipality_id", "answer_id") REFERENCES "event_survey_answers" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_met_groups" ADD CONSTRAINT "event_survey_met_groups_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_met_departments" ADD CONSTRAINT "event_survey_met_departments_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_met_departments" ADD CONSTRAINT "event_survey_met_departments_answer_id_fk" FOREIGN KEY ("municipality_id", "answer_id") REFERENCES "event_survey_answers" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_met_departments" ADD CONSTRAINT "event_survey_met_departments_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "event_survey_answers" DROP COLUMN "met_group_ids";
--> statement-breakpoint
ALTER TABLE "event_survey_answers" DROP COLUMN "met_department_ids";
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "organiser_department_ids";
--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "organiser_group_ids";
