import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** A measurable goal of a project: 指標 (name), 単位 (unit), 目標値 (target). */
export interface Goal {
  name: string
  unit: string
  target: number
}

/**
 * 協働事業: the record of a collaboration from agreement to three years after its end
 * (docs: issue 15). Its other departments (関係課) are project_departments; the registered groups
 * taking part are the partners with a group (project_partners.group_id), read as `groupIds`.
 */
export const projects = pgTable('projects', {
  id: id(),
  municipalityId: tenant(),
  title: text('title').notNull(),
  form: text('form').notNull(),
  /** The lead department (担当課). */
  departmentId: uuid('department_id').notNull(),
  // other departments taking part (関係課): project_departments
  startOn: date('start_on').notNull(),
  endOn: date('end_on'),
  purpose: text('purpose').notNull().default(''),
  goals: jsonb('goals').$type<Goal[]>().notNull().default([]),
  /** pairing | proposal | consultation | existing */
  origin: text('origin').notNull().default('pairing'),
  needId: uuid('need_id'),
  pairingId: uuid('pairing_id'),
  /** Contacts on the city's and the partners' side: never shown on public pages. */
  cityContact: text('city_contact').notNull().default(''),
  partnerContact: text('partner_contact').notNull().default(''),
  /** An internal record (庁内限り): not on public pages at all. */
  internal: boolean('internal').notNull().default(false),
  /** The city-side staff member who carries the project (担当者): what a hand-over (引継ぎ) moves. */
  responsibleUserId: uuid('responsible_user_id'),
  /** preparing | running | ended | follow_up | completed */
  status: text('status').notNull().default('preparing'),
  /** 事例集: a finished project published as a case (the issue, the outcome, lessons, its fields). */
  casePublishedAt: timestamp('case_published_at', { withTimezone: true }),
  caseIssue: text('case_issue').notNull().default(''),
  caseOutcome: text('case_outcome').notNull().default(''),
  caseLessons: text('case_lessons').notNull().default(''),
  caseFields: text('case_fields').array().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** Other departments taking part (関係課): composite foreign keys to projects and departments (migration 0034). */
export const projectDepartments = pgTable(
  'project_departments',
  {
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.projectId, t.departmentId] }),
    index('project_departments_department_idx').on(t.municipalityId, t.departmentId),
  ],
)

/** The team: a registered group, or a named outside partner (business, university, 自治会), each with its role. */
export const projectPartners = pgTable(
  'project_partners',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    /** group | business | university | neighbourhood | other */
    kind: text('kind').notNull(),
    groupId: uuid('group_id'),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('project_partners_project_idx').on(t.municipalityId, t.projectId)],
)

/** Budget per fiscal year: 事業額, 市負担額, 団体負担, その他収入 (yen). */
export const projectBudgets = pgTable(
  'project_budgets',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    total: integer('total').notNull(),
    cityShare: integer('city_share').notNull(),
    groupShare: integer('group_share').notNull().default(0),
    otherIncome: integer('other_income').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_budgets_year_uq').on(t.municipalityId, t.projectId, t.fiscalYear)],
)

/** 役割分担表: one task and who does it (group | city | joint | partner). */
export const projectRoles = pgTable(
  'project_roles',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    task: text('task').notNull(),
    who: text('who').notNull(),
    partnerId: uuid('partner_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('project_roles_project_idx').on(t.municipalityId, t.projectId)],
)

/** 協定書: each generation kept, with the date both sides agreed and the record as it was then. */
export const projectAgreements = pgTable(
  'project_agreements',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    version: integer('version').notNull(),
    agreedOn: date('agreed_on').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_agreements_version_uq').on(t.municipalityId, t.projectId, t.version)],
)

/** A progress report for a period, by the group side or the city side. */
export const projectReports = pgTable(
  'project_reports',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    /** group | city */
    side: text('side').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    activities: text('activities').notNull(),
    /** Numbers against the goals' indicators, by indicator name. */
    numbers: jsonb('numbers').$type<{ name: string; unit: string; value: number }[]>().notNull().default([]),
    /** Photos and documents (core/storage keys), shown with the report. */
    files: jsonb('files')
      .$type<{ key: string; fileName: string; mimeType: string; size: number }[]>()
      .notNull()
      .default([]),
    authorId: uuid('author_id'),
    createdAt: createdAt(),
  },
  (t) => [index('project_reports_project_idx').on(t.municipalityId, t.projectId)],
)

/** Evaluation at a fiscal year's end or at the project's end, by each side (and the coordinator's comment). */
export const projectEvaluations = pgTable(
  'project_evaluations',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    /** year_end | final */
    kind: text('kind').notNull(),
    fiscalYear: integer('fiscal_year'),
    /** group | city | coordinator */
    side: text('side').notNull(),
    achievement: text('achievement').notNull().default(''),
    groupBenefit: text('group_benefit').notNull().default(''),
    cityBenefit: text('city_benefit').notNull().default(''),
    issues: text('issues').notNull().default(''),
    /** effective | not_effective | undecided (Musashino's 成果 scale); '' for the coordinator's comment */
    outcome: text('outcome').notNull().default(''),
    comment: text('comment').notNull().default(''),
    authorId: uuid('author_id'),
    createdAt: createdAt(),
  },
  (t) => [index('project_evaluations_project_idx').on(t.municipalityId, t.projectId)],
)

/** Follow-ups 6, 12, 24 and 36 months after the end: does it continue, who carries it, why it stopped. */
export const projectFollowups = pgTable(
  'project_followups',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    months: integer('months').notNull(),
    dueOn: date('due_on').notNull(),
    /** continued | budget_reduced | scaled_down | stopped; null until recorded */
    continuation: text('continuation'),
    /** department | group | other_funder */
    carrier: text('carrier'),
    stopReason: text('stop_reason').notNull().default(''),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('project_followups_months_uq').on(t.municipalityId, t.projectId, t.months),
    index('project_followups_due_idx').on(t.municipalityId, t.dueOn).where(sql`recorded_at IS NULL`),
  ],
)

/** PDCA self-check (Ama's lists): one side's answers to the six items of one stage. */
export const projectChecklists = pgTable(
  'project_checklists',
  {
    id: id(),
    municipalityId: tenant(),
    projectId: uuid('project_id').notNull(),
    /** group | city */
    side: text('side').notNull(),
    /** consider | plan | do | review (the guide's CHECKLISTS keys) */
    stage: text('stage').notNull(),
    /** yes | partly | no, one per item */
    answers: jsonb('answers').$type<string[]>().notNull(),
    answeredBy: uuid('answered_by'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('project_checklists_uq').on(t.municipalityId, t.projectId, t.side, t.stage)],
)
