import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** 市の計画・施策 a need serves; the list is kept by the administrator. */
export const cityPlans = pgTable(
  'city_plans',
  {
    id: id(),
    municipalityId: tenant(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('city_plans_name_uq').on(t.municipalityId, t.name)],
)

/** 協働ニーズ: an issue a department wants to solve with partners. */
export const needs = pgTable(
  'needs',
  {
    id: id(),
    municipalityId: tenant(),
    departmentId: uuid('department_id').notNull(),
    title: text('title').notNull(),
    /** 現状と課題 */
    situation: text('situation').notNull().default(''),
    /** 目指す姿 */
    goal: text('goal').notNull().default(''),
    // the plans it serves: need_plans
    hasBudget: boolean('has_budget').notNull().default(false),
    /** 予算の上限（円） */
    budgetLimit: integer('budget_limit'),
    /** What the city brings: facilities | publicity | coordination | information */
    cityOffers: text('city_offers').array().notNull().default([]),
    cityOffersNote: text('city_offers_note').notNull().default(''),
    /** What it looks for in a partner: expertise | people | network | place */
    partnerWants: text('partner_wants').array().notNull().default([]),
    partnerNote: text('partner_note').notNull().default(''),
    forms: text('forms').array().notNull().default([]),
    fields: text('fields').array().notNull().default([]),
    // its areas: need_areas
    citywide: boolean('citywide').notNull().default(false),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    deadline: date('deadline'),
    /** draft | published | coordinating | matched | unmatched | withdrawn */
    status: text('status').notNull().default('draft'),
    /** public | staff (city hall only) */
    visibility: text('visibility').notNull().default('public'),
    hearingId: uuid('hearing_id'),
    authorId: uuid('author_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    searchText: text('search_text').notNull().default(''),
    /** Where the need came from, when another room made it (e.g. 相談 相談-2026-0001 → /consultations/…). */
    originLabel: text('origin_label').notNull().default(''),
    originHref: text('origin_href').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('needs_status_idx').on(t.municipalityId, t.status),
    index('needs_dept_idx').on(t.municipalityId, t.departmentId),
    index('needs_fields_idx').using('gin', t.fields),
  ],
)

/** The areas (地区) a need concerns: composite foreign keys to needs and areas of the same city (migration 0030). */
export const needAreas = pgTable(
  'need_areas',
  {
    municipalityId: tenant(),
    needId: uuid('need_id').notNull(),
    areaId: uuid('area_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.needId, t.areaId] }),
    index('need_areas_area_idx').on(t.municipalityId, t.areaId),
  ],
)

/** The city plans (市の計画・施策) a need serves: composite foreign keys to needs and city_plans (migration 0033). */
export const needPlans = pgTable(
  'need_plans',
  {
    municipalityId: tenant(),
    needId: uuid('need_id').notNull(),
    planId: uuid('plan_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.needId, t.planId] }),
    index('need_plans_plan_idx').on(t.municipalityId, t.planId),
  ],
)

/** 関心があります (kind interest, from a group) or an invitation to look at a need (from the department). */
export const needInterests = pgTable(
  'need_interests',
  {
    id: id(),
    municipalityId: tenant(),
    needId: uuid('need_id').notNull(),
    groupId: uuid('group_id').notNull(),
    /** interest | invitation */
    kind: text('kind').notNull().default('interest'),
    message: text('message').notNull().default(''),
    userId: uuid('user_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('need_interests_uq').on(t.needId, t.groupId, t.kind)],
)

/** The yearly needs hearing (市が希望している協働事業のヒアリング). */
export const hearings = pgTable('hearings', {
  id: id(),
  municipalityId: tenant(),
  fiscalYear: integer('fiscal_year').notNull(),
  title: text('title').notNull(),
  message: text('message').notNull().default(''),
  dueOn: date('due_on'),
  /** open | published */
  status: text('status').notNull().default('open'),
  openedBy: uuid('opened_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: createdAt(),
})

/** One department's answer to a hearing: needs entered, or none this year with a reason. */
export const hearingAnswers = pgTable(
  'hearing_answers',
  {
    id: id(),
    municipalityId: tenant(),
    hearingId: uuid('hearing_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** pending | needs | none */
    answer: text('answer').notNull().default('pending'),
    reason: text('reason').notNull().default(''),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    remindCount: integer('remind_count').notNull().default(0),
  },
  (t) => [uniqueIndex('hearing_answers_uq').on(t.hearingId, t.departmentId)],
)
