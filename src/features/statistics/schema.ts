import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant } from '../../core/db/columns.ts'

/**
 * Counts of collaboration by form and fiscal year from before the city kept its projects in Kyodo
 * (e.g. Chigasaki's eight years of 共催・実行委員会・事業協力・指定管理者・委託): the statistics show
 * them beside the counts computed from the project records, marked as history.
 */
export const collaborationHistory = pgTable(
  'collaboration_history',
  {
    id: id(),
    municipalityId: tenant(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** A code of COLLAB_FORMS, or a label of the city's own (e.g. 協働推進事業). */
    form: text('form').notNull(),
    count: integer('count').notNull(),
    /** Where the number comes from (a report's title). */
    source: text('source').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('collaboration_history_uq').on(t.municipalityId, t.fiscalYear, t.form)],
)
