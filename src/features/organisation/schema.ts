import { boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

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

/** Department staff (担当課職員): a user may belong to several departments. */
export const departmentMembers = pgTable(
  'department_members',
  {
    id: id(),
    municipalityId: tenant(),
    departmentId: uuid('department_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('department_members_uq').on(t.departmentId, t.userId),
    index('department_members_user_idx').on(t.userId),
  ],
)
