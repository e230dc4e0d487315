import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** A city (自治体). One deployment may host several; every other table points here. */
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

/** 部 and 課 of the city hall, as a hierarchy. */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    municipalityId: tenant(),
    parentId: uuid('parent_id'),
    /** 'bu' (部・局), 'ka' (課・室), or 'other' (委員会, 事務局...). */
    kind: text('kind').notNull().default('ka'),
    code: text('code'),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull().default(''),
    /** 所掌事務 */
    duties: text('duties').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    location: text('location').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('departments_name_uq').on(t.municipalityId, t.name),
    index('departments_parent_idx').on(t.municipalityId, t.parentId),
  ],
)

/** 年度: April 1 to March 31 (地方自治法第208条). */
export const fiscalYears = pgTable(
  'fiscal_years',
  {
    id: id(),
    municipalityId: tenant(),
    year: integer('year').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** 'planning' | 'open' | 'closed' */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('fiscal_years_year_uq').on(t.municipalityId, t.year)],
)

/** 地区: the districts the city uses for community activity. */
export const areas = pgTable(
  'areas',
  {
    id: id(),
    municipalityId: tenant(),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull().default(''),
    description: text('description').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('areas_name_uq').on(t.municipalityId, t.name)],
)
