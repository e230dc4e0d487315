// The core's own tables: the city (tenant) itself, accounts and sessions, the audit log, jobs and
// mail. Every feature room owns its tables in its own schema.ts (listed in its manifest and found
// by drizzle.config.ts); the core imports none of them.
import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.ts'

export * from '../audit/schema.ts'
export * from '../auth/schema.ts'
export * from '../import/schema.ts'
export * from '../jobs/schema.ts'
export * from '../mail/schema.ts'

/** 自治体: the tenant. Every other table carries its id. */
export const municipalities = pgTable(
  'municipalities',
  {
    id: id(),
    /** 全国地方公共団体コード (6 digits, with check digit). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull().default(''),
    prefecture: text('prefecture').notNull(),
    /** Host name that selects this city in a multi-city deployment (optional). */
    host: text('host'),
    /** Name of the collaboration office shown in the site (e.g. 市民自治推進課). */
    officeName: text('office_name').notNull().default('協働推進課'),
    officePhone: text('office_phone').notNull().default(''),
    officeEmail: text('office_email').notNull().default(''),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('municipalities_code_uq').on(t.code), uniqueIndex('municipalities_host_uq').on(t.host)],
)
