import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** When each scheduled job last ran for each city; shared by every Kyodo process. */
export const jobRuns = pgTable(
  'job_runs',
  {
    municipalityId: uuid('municipality_id').notNull(),
    name: text('name').notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
    lastStatus: text('last_status').notNull().default('ok'),
    lastMessage: text('last_message').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.name] })],
)
