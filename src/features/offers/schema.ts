import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** できること・協働したいこと: what a group offers or wants to do with the city. */
export const offers = pgTable(
  'offers',
  {
    id: id(),
    municipalityId: tenant(),
    groupId: uuid('group_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    fields: text('fields').array().notNull().default([]),
    // its areas: offer_areas
    citywide: boolean('citywide').notNull().default(false),
    forms: text('forms').array().notNull().default([]),
    resources: text('resources').array().notNull().default([]),
    /** いつ（時期・頻度） */
    timing: text('timing').notNull().default(''),
    /** published | closed */
    status: text('status').notNull().default('published'),
    authorId: uuid('author_id'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('offers_group_idx').on(t.municipalityId, t.groupId),
    index('offers_fields_idx').using('gin', t.fields),
  ],
)

/** The areas (地区) an offer concerns: composite foreign keys to offers and areas of the same city (migration 0031). */
export const offerAreas = pgTable(
  'offer_areas',
  {
    municipalityId: tenant(),
    offerId: uuid('offer_id').notNull(),
    areaId: uuid('area_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.offerId, t.areaId] }),
    index('offer_areas_area_idx').on(t.municipalityId, t.areaId),
  ],
)

/** 協働メニュー: what a group can ask the city for. */
export const menuItems = pgTable('menu_items', {
  id: id(),
  municipalityId: tenant(),
  /** facility | sponsorship | publicity | subsidy | consultation | other */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  departmentId: uuid('department_id'),
  conditions: text('conditions').notNull().default(''),
  howToApply: text('how_to_apply').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})
