import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../db/columns.ts'

/**
 * An import started from a page, run in the background so a large file shows its progress.
 * Purpose: show the person who started it how far it got and its report. Retention: 30 days
 * (core housekeeping). The rows themselves are written in one transaction by the import, never
 * through this table: a job that stops (a failure, a killed server) has written nothing.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    municipalityId: tenant(),
    /** Which list: 'groups' (later: departments, areas…). */
    kind: text('kind').notNull(),
    createdBy: uuid('created_by'),
    /** running | done | failed | interrupted */
    state: text('state').notNull().default('running'),
    dryRun: boolean('dry_run').notNull().default(true),
    /** read | check | write */
    phase: text('phase').notNull().default('read'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** What the page needs to show the form again (file key, mapping, options). */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** The finished run (report and the form's values). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    message: text('message').notNull().default(''),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('import_jobs_city_idx').on(t.municipalityId, t.kind, t.createdAt)],
)
