import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../db/columns.ts'

/**
 * An import started from a page, run in the background so a large file shows its progress.
 * Purpose: show the person who started it how far it got and its report. Retention: 30 days
 * (core housekeeping). The rows themselves are written by the import all-or-nothing, never
 * through this table: a job that stops (a failure, a killed server) has imported nothing.
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

/**
 * An import written in batches on PGlite (decision 0013): its rows are first kept here (import_staged_rows),
 * in small transactions, where no page reads them; one small transaction commits the batch (state
 * 'committed', with the import's audit row); then the rows move into their table in small steps
 * and the batch row is removed. At start-up a batch still 'staging' (the server stopped before the
 * commit) is deleted, and a 'committed' one is finished. Purpose: make a large import
 * all-or-nothing without holding PGlite's only connection. Retention: until the import finishes.
 */
export const importBatches = pgTable('import_batches', {
  id: id(),
  municipalityId: tenant(),
  /** The table the rows go to: 'groups'. */
  tableName: text('table_name').notNull(),
  /** The columns every staged row gives (the others keep their defaults). */
  columns: text('columns').array().notNull(),
  /** staging | committed */
  state: text('state').notNull().default('staging'),
  /** The import job that wrote it (started from the page), if any. */
  jobId: uuid('job_id'),
  createdAt: createdAt(),
})

/** The rows of a batch, as JSON (column name → value), numbered in the file's order. */
export const importStagedRows = pgTable(
  'import_staged_rows',
  {
    id: id(),
    municipalityId: tenant(),
    batchId: uuid('batch_id').notNull(),
    seq: integer('seq').notNull(),
    row: jsonb('row').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('import_staged_rows_batch_idx').on(t.batchId, t.seq)],
)
