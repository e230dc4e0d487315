import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
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
    planIds: uuid('plan_ids').array().notNull().default([]),
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
    areaIds: uuid('area_ids').array().notNull().default([]),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('needs_status_idx').on(t.municipalityId, t.status),
    index('needs_dept_idx').on(t.municipalityId, t.departmentId),
    index('needs_fields_idx').using('gin', t.fields),
    index('needs_areas_idx').using('gin', t.areaIds),
  ],
)

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
    areaIds: uuid('area_ids').array().notNull().default([]),
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

/** A pairing on the coordinator's board: need × group, or offer × department. */
export const pairings = pgTable(
  'pairings',
  {
    id: id(),
    municipalityId: tenant(),
    needId: uuid('need_id'),
    offerId: uuid('offer_id'),
    groupId: uuid('group_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** candidate | introduced | negotiating | agreed | declined */
    stage: text('stage').notNull().default('candidate'),
    responsibleUserId: uuid('responsible_user_id'),
    introducedOn: date('introduced_on'),
    agreedOn: date('agreed_on'),
    closedOn: date('closed_on'),
    closedReason: text('closed_reason').notNull().default(''),
    note: text('note').notNull().default(''),
    score: real('score'),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    projectId: uuid('project_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('pairings_stage_idx').on(t.municipalityId, t.stage),
    index('pairings_group_idx').on(t.municipalityId, t.groupId),
    index('pairings_dept_idx').on(t.municipalityId, t.departmentId),
  ],
)

/** History of a pairing: stage changes, meetings (顔合わせ・協議) with minutes, notes. */
export const pairingEvents = pgTable(
  'pairing_events',
  {
    id: id(),
    municipalityId: tenant(),
    pairingId: uuid('pairing_id').notNull(),
    /** stage | meeting | note */
    kind: text('kind').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    on: date('on'),
    title: text('title').notNull().default(''),
    minutes: text('minutes').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [index('pairing_events_pairing_idx').on(t.pairingId)],
)

/** 協働事業: the record an agreed pairing becomes (later work adds budgets, PDCA, evaluation). */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    form: text('form').notNull(),
    departmentId: uuid('department_id').notNull(),
    groupIds: uuid('group_ids').array().notNull().default([]),
    startOn: date('start_on').notNull(),
    purpose: text('purpose').notNull().default(''),
    needId: uuid('need_id'),
    pairingId: uuid('pairing_id'),
    /** active | finished */
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('projects_groups_idx').using('gin', t.groupIds)],
)

/** In-app notifications (also mailed). */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    href: text('href').notNull().default(''),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.municipalityId, t.userId, t.createdAt)],
)

/** What a person follows (fields, areas) and how often they want the digest of new needs. */
export const followSettings = pgTable(
  'follow_settings',
  {
    id: id(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    fields: text('fields').array().notNull().default([]),
    areaIds: uuid('area_ids').array().notNull().default([]),
    /** daily | weekly | none */
    digest: text('digest').notNull().default('weekly'),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('follow_settings_user_uq').on(t.municipalityId, t.userId)],
)

/**
 * Derived term index of groups for the matching prefilter (tokens + synonyms of the group's
 * texts). Rebuilt from the groups table by candidates.ts; never the source of truth.
 */
export const groupTerms = pgTable(
  'matching_group_terms',
  {
    groupId: uuid('group_id').primaryKey(),
    municipalityId: tenant(),
    terms: text('terms').array().notNull().default([]),
    /** Terms of the track record (実績) alone, for its own reason. */
    trackTerms: text('track_terms').array().notNull().default([]),
    sourceHash: text('source_hash').notNull().default(''),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('matching_group_terms_terms_idx').using('gin', t.terms),
    index('matching_group_terms_city_idx').on(t.municipalityId),
  ],
)
