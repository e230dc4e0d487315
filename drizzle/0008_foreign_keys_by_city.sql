-- Foreign keys that include the city (docs/decisions/0007-foreign-keys-by-city.md). Every relation between a city's tables is a
-- composite key (municipality_id, x_id) -> parent (municipality_id, id): a row can only point at a
-- row of its own city, and the keys are the ones Citus allows between tables co-located by
-- municipality_id. All are DEFERRABLE INITIALLY IMMEDIATE: checked per statement as usual, but a
-- transaction that moves whole cities (restore, deleteCity) may SET CONSTRAINTS ALL DEFERRED.
-- audit_log gets no foreign key: it is append-only and must outlive what it describes.
--
-- 1. Orphans. Before this migration nothing enforced these relations, so a row may point at a
--    row that is gone or that belongs to another city. Rows of a city that no longer exists are
--    removed; optional references to a missing row are set to NULL; rows whose required parent is
--    missing are removed (they cannot be shown or reached). The order is parents first, so a row
--    removed here leaves no orphan further down.
DELETE FROM "users" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "sessions" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "user_tokens" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "api_tokens" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "outbox" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "job_runs" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "departments" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "fiscal_years" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "areas" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "department_members" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "groups" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "group_members" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "group_documents" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "group_revisions" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "group_renewals" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "matching_group_terms" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "city_plans" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "needs" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "offers" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "menu_items" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "need_interests" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "hearings" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "hearing_answers" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "pairings" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "pairing_events" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "projects" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "notifications" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
DELETE FROM "follow_settings" c WHERE NOT EXISTS (SELECT 1 FROM "municipalities" m WHERE m."id" = c."municipality_id");
--> statement-breakpoint
UPDATE "departments" c SET "parent_id" = NULL WHERE c."parent_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."parent_id");
--> statement-breakpoint
DELETE FROM "sessions" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
UPDATE "user_tokens" c SET "user_id" = NULL WHERE c."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
UPDATE "user_tokens" c SET "created_by" = NULL WHERE c."created_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."created_by");
--> statement-breakpoint
DELETE FROM "api_tokens" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
DELETE FROM "department_members" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
DELETE FROM "department_members" c WHERE NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
UPDATE "groups" c SET "approved_by" = NULL WHERE c."approved_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."approved_by");
--> statement-breakpoint
DELETE FROM "group_members" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
DELETE FROM "group_members" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
DELETE FROM "group_documents" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "group_documents" c SET "uploaded_by" = NULL WHERE c."uploaded_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."uploaded_by");
--> statement-breakpoint
DELETE FROM "group_revisions" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "group_revisions" c SET "actor_user_id" = NULL WHERE c."actor_user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."actor_user_id");
--> statement-breakpoint
DELETE FROM "group_renewals" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "group_renewals" c SET "renewed_by" = NULL WHERE c."renewed_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."renewed_by");
--> statement-breakpoint
DELETE FROM "matching_group_terms" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "hearings" c SET "opened_by" = NULL WHERE c."opened_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."opened_by");
--> statement-breakpoint
DELETE FROM "offers" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "offers" c SET "author_id" = NULL WHERE c."author_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."author_id");
--> statement-breakpoint
DELETE FROM "needs" c WHERE NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
UPDATE "needs" c SET "hearing_id" = NULL WHERE c."hearing_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "hearings" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."hearing_id");
--> statement-breakpoint
UPDATE "needs" c SET "author_id" = NULL WHERE c."author_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."author_id");
--> statement-breakpoint
UPDATE "menu_items" c SET "department_id" = NULL WHERE c."department_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
DELETE FROM "hearing_answers" c WHERE NOT EXISTS (SELECT 1 FROM "hearings" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."hearing_id");
--> statement-breakpoint
DELETE FROM "hearing_answers" c WHERE NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
UPDATE "hearing_answers" c SET "answered_by" = NULL WHERE c."answered_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."answered_by");
--> statement-breakpoint
DELETE FROM "need_interests" c WHERE NOT EXISTS (SELECT 1 FROM "needs" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."need_id");
--> statement-breakpoint
DELETE FROM "need_interests" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
UPDATE "need_interests" c SET "user_id" = NULL WHERE c."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
DELETE FROM "projects" c WHERE NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
UPDATE "projects" c SET "need_id" = NULL WHERE c."need_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "needs" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."need_id");
--> statement-breakpoint
UPDATE "pairings" c SET "need_id" = NULL WHERE c."need_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "needs" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."need_id");
--> statement-breakpoint
UPDATE "pairings" c SET "offer_id" = NULL WHERE c."offer_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "offers" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."offer_id");
--> statement-breakpoint
DELETE FROM "pairings" c WHERE NOT EXISTS (SELECT 1 FROM "groups" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."group_id");
--> statement-breakpoint
DELETE FROM "pairings" c WHERE NOT EXISTS (SELECT 1 FROM "departments" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."department_id");
--> statement-breakpoint
UPDATE "pairings" c SET "responsible_user_id" = NULL WHERE c."responsible_user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."responsible_user_id");
--> statement-breakpoint
UPDATE "pairings" c SET "created_by" = NULL WHERE c."created_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."created_by");
--> statement-breakpoint
UPDATE "pairings" c SET "project_id" = NULL WHERE c."project_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "projects" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."project_id");
--> statement-breakpoint
UPDATE "projects" c SET "pairing_id" = NULL WHERE c."pairing_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "pairings" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."pairing_id");
--> statement-breakpoint
DELETE FROM "pairing_events" c WHERE NOT EXISTS (SELECT 1 FROM "pairings" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."pairing_id");
--> statement-breakpoint
UPDATE "pairing_events" c SET "actor_id" = NULL WHERE c."actor_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."actor_id");
--> statement-breakpoint
DELETE FROM "notifications" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
DELETE FROM "follow_settings" c WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."municipality_id" = c."municipality_id" AND p."id" = c."user_id");
--> statement-breakpoint
-- 2. The referenced tables are unique on (municipality_id, id) (id alone stays the primary key).
--    areas and city_plans are referenced only from uuid[] columns today; the key is there for the
--    join tables that will replace those arrays.
ALTER TABLE "users" ADD CONSTRAINT "users_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
ALTER TABLE "city_plans" ADD CONSTRAINT "city_plans_city_id_uq" UNIQUE ("municipality_id", "id");
--> statement-breakpoint
-- 3. Every table of a city belongs to an existing city.
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "fiscal_years" ADD CONSTRAINT "fiscal_years_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_documents" ADD CONSTRAINT "group_documents_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_revisions" ADD CONSTRAINT "group_revisions_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_renewals" ADD CONSTRAINT "group_renewals_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "matching_group_terms" ADD CONSTRAINT "matching_group_terms_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "city_plans" ADD CONSTRAINT "city_plans_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_interests" ADD CONSTRAINT "need_interests_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearing_answers" ADD CONSTRAINT "hearing_answers_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairing_events" ADD CONSTRAINT "pairing_events_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "follow_settings" ADD CONSTRAINT "follow_settings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipalities" ("id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
-- 4. The relations. CASCADE: rows owned by the parent (sessions, memberships, revisions...).
--    SET NULL (column): who did something, when the account is gone (only that column is cleared,
--    never municipality_id). NO ACTION: records of shared work (needs, offers, pairings, projects)
--    and the department tree; the parent cannot go while they point at it (checked at the end of
--    the statement, or at commit when deferred).
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_fk" FOREIGN KEY ("municipality_id", "parent_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_approved_by_fk" FOREIGN KEY ("municipality_id", "approved_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("approved_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_documents" ADD CONSTRAINT "group_documents_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_documents" ADD CONSTRAINT "group_documents_uploaded_by_fk" FOREIGN KEY ("municipality_id", "uploaded_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("uploaded_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_revisions" ADD CONSTRAINT "group_revisions_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_revisions" ADD CONSTRAINT "group_revisions_actor_user_id_fk" FOREIGN KEY ("municipality_id", "actor_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("actor_user_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_renewals" ADD CONSTRAINT "group_renewals_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "group_renewals" ADD CONSTRAINT "group_renewals_renewed_by_fk" FOREIGN KEY ("municipality_id", "renewed_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("renewed_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "matching_group_terms" ADD CONSTRAINT "matching_group_terms_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_opened_by_fk" FOREIGN KEY ("municipality_id", "opened_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("opened_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_author_id_fk" FOREIGN KEY ("municipality_id", "author_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("author_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_hearing_id_fk" FOREIGN KEY ("municipality_id", "hearing_id") REFERENCES "hearings" ("municipality_id", "id") ON DELETE SET NULL ("hearing_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_author_id_fk" FOREIGN KEY ("municipality_id", "author_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("author_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE SET NULL ("department_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearing_answers" ADD CONSTRAINT "hearing_answers_hearing_id_fk" FOREIGN KEY ("municipality_id", "hearing_id") REFERENCES "hearings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearing_answers" ADD CONSTRAINT "hearing_answers_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "hearing_answers" ADD CONSTRAINT "hearing_answers_answered_by_fk" FOREIGN KEY ("municipality_id", "answered_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("answered_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_interests" ADD CONSTRAINT "need_interests_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_interests" ADD CONSTRAINT "need_interests_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "need_interests" ADD CONSTRAINT "need_interests_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("user_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE SET NULL ("need_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_need_id_fk" FOREIGN KEY ("municipality_id", "need_id") REFERENCES "needs" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_offer_id_fk" FOREIGN KEY ("municipality_id", "offer_id") REFERENCES "offers" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_group_id_fk" FOREIGN KEY ("municipality_id", "group_id") REFERENCES "groups" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_department_id_fk" FOREIGN KEY ("municipality_id", "department_id") REFERENCES "departments" ("municipality_id", "id") ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_responsible_user_id_fk" FOREIGN KEY ("municipality_id", "responsible_user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("responsible_user_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_created_by_fk" FOREIGN KEY ("municipality_id", "created_by") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("created_by") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_project_id_fk" FOREIGN KEY ("municipality_id", "project_id") REFERENCES "projects" ("municipality_id", "id") ON DELETE SET NULL ("project_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_pairing_id_fk" FOREIGN KEY ("municipality_id", "pairing_id") REFERENCES "pairings" ("municipality_id", "id") ON DELETE SET NULL ("pairing_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairing_events" ADD CONSTRAINT "pairing_events_pairing_id_fk" FOREIGN KEY ("municipality_id", "pairing_id") REFERENCES "pairings" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "pairing_events" ADD CONSTRAINT "pairing_events_actor_id_fk" FOREIGN KEY ("municipality_id", "actor_id") REFERENCES "users" ("municipality_id", "id") ON DELETE SET NULL ("actor_id") DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE "follow_settings" ADD CONSTRAINT "follow_settings_user_id_fk" FOREIGN KEY ("municipality_id", "user_id") REFERENCES "users" ("municipality_id", "id") ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
-- 5. Indexes for the child side where none leads with (municipality_id, column), so a delete of
--    a parent (and the check) does not scan the child table.
CREATE INDEX "sessions_user_id_fk_idx" ON "sessions" ("municipality_id", "user_id");
--> statement-breakpoint
CREATE INDEX "user_tokens_user_id_fk_idx" ON "user_tokens" ("municipality_id", "user_id");
--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_fk_idx" ON "api_tokens" ("municipality_id", "user_id");
--> statement-breakpoint
CREATE INDEX "department_members_department_id_fk_idx" ON "department_members" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "group_members_group_id_fk_idx" ON "group_members" ("municipality_id", "group_id");
--> statement-breakpoint
CREATE INDEX "need_interests_need_id_fk_idx" ON "need_interests" ("municipality_id", "need_id");
--> statement-breakpoint
CREATE INDEX "need_interests_group_id_fk_idx" ON "need_interests" ("municipality_id", "group_id");
--> statement-breakpoint
CREATE INDEX "hearing_answers_hearing_id_fk_idx" ON "hearing_answers" ("municipality_id", "hearing_id");
--> statement-breakpoint
CREATE INDEX "hearing_answers_department_id_fk_idx" ON "hearing_answers" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "pairings_need_id_fk_idx" ON "pairings" ("municipality_id", "need_id");
--> statement-breakpoint
CREATE INDEX "pairings_offer_id_fk_idx" ON "pairings" ("municipality_id", "offer_id");
--> statement-breakpoint
CREATE INDEX "pairings_project_id_fk_idx" ON "pairings" ("municipality_id", "project_id");
--> statement-breakpoint
CREATE INDEX "pairing_events_pairing_id_fk_idx" ON "pairing_events" ("municipality_id", "pairing_id");
--> statement-breakpoint
CREATE INDEX "projects_department_id_fk_idx" ON "projects" ("municipality_id", "department_id");
--> statement-breakpoint
CREATE INDEX "projects_need_id_fk_idx" ON "projects" ("municipality_id", "need_id");
--> statement-breakpoint
CREATE INDEX "projects_pairing_id_fk_idx" ON "projects" ("municipality_id", "pairing_id");
--> statement-breakpoint
CREATE INDEX "needs_hearing_id_fk_idx" ON "needs" ("municipality_id", "hearing_id");
--> statement-breakpoint
CREATE INDEX "menu_items_department_id_fk_idx" ON "menu_items" ("municipality_id", "department_id");
