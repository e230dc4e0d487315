-- Change stamps (issue #11, load): one sequence that every committed change of an indexed table
-- (and of the area and plan links of groups, needs and offers) moves on. The in-process search indexes (src/core/search/city-index.ts) read it on every search,
-- a single-row read, and compute their own version (a count and the latest update over the city's
-- rows, a scan of 50,000 groups) only when it moved. The trigger is a deferred constraint trigger,
-- so the stamp moves at commit time, when the change becomes visible, and not when a long import
-- statement runs.
CREATE SEQUENCE IF NOT EXISTS "kyodo_change_stamp";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "kyodo_bump_change_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('kyodo_change_stamp');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "groups_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "groups"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "offers_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "offers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "needs_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "needs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "departments_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "departments"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "projects_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "projects"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "group_areas_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "group_areas"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "need_areas_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "need_areas"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "offer_areas_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "offer_areas"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "need_plans_change_stamp" AFTER INSERT OR UPDATE OR DELETE ON "need_plans"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "kyodo_bump_change_stamp"();
