import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** A course of a programme (育成コース …): its own budget frame and upper limit per proposal (円, per year). */
export interface Course {
  code: string
  label: string
  frame: number
  limit: number
}
/** One dated step of the programme's calendar (Chigasaki's template), shown publicly. */
export interface ScheduleStep {
  label: string
  /** YYYY-MM-DD (Japan) */
  on: string
  /** Who acts at this step (団体 / 担当課 / 協働推進課 / 審査委員). */
  who: string
}
export interface Criterion {
  key: string
  label: string
  weight: number
}
/** One line of a proposal's budget table (円). */
export interface BudgetLine {
  year: 1 | 2
  category: string
  item: string
  total: number
  city: number
  own: number
}

/**
 * 協働事業提案制度: a call per fiscal year (or year-round when fiscal_year is null), of type
 * 行政提案型 (gyosei: themes from departments) or 市民提案型 (shimin: themes from groups).
 * Public once stage is past 'preparing'. No personal data.
 */
export const proposalProgrammes = pgTable(
  'proposal_programmes',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    /** null: year-round (通年募集) */
    fiscalYear: integer('fiscal_year'),
    /** gyosei | shimin */
    type: text('type').notNull(),
    description: text('description').notNull().default(''),
    courses: jsonb('courses').$type<Course[]>().notNull().default([]),
    /** 採択枠 for year 1 (円); courses may split it. */
    budgetFrame: integer('budget_frame').notNull().default(0),
    /** 上限額 per proposal and year when the course or theme gives none (円). */
    upperLimit: integer('upper_limit').notNull().default(0),
    eligibleCategories: jsonb('eligible_categories').$type<string[]>().notNull().default([]),
    ineligibleCategories: jsonb('ineligible_categories').$type<string[]>().notNull().default([]),
    /** 原則2年間 */
    fundedYears: integer('funded_years').notNull().default(2),
    preConsultationRequired: boolean('pre_consultation_required').notNull().default(true),
    /** 提案締切 */
    deadline: timestamp('deadline', { withTimezone: true }),
    schedule: jsonb('schedule').$type<ScheduleStep[]>().notNull().default([]),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull().default([]),
    /** preparing | open | review | presentation | decided */
    stage: text('stage').notNull().default('preparing'),
    /** Scores become visible to the panel's reviewers once closed. */
    panelClosedAt: timestamp('panel_closed_at', { withTimezone: true }),
    /** 公開プレゼンテーション: the place, and whether the order is published. */
    presentationPlace: text('presentation_place').notNull().default(''),
    presentationPublished: boolean('presentation_published').notNull().default(false),
    /** 審査講評 published with the results. */
    reviewSummary: text('review_summary').notNull().default(''),
    resultsPublished: boolean('results_published').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('proposal_programmes_city_idx').on(t.municipalityId, t.fiscalYear)],
)

/** 行政提案型のテーマ: proposed by a department (庁内募集), heard, decided (庁議), published with its upper limit. */
export const proposalThemes = pgTable(
  'proposal_themes',
  {
    id: id(),
    municipalityId: tenant(),
    programmeId: uuid('programme_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    upperLimit: integer('upper_limit').notNull().default(0),
    /** The need (協働ニーズ) it came from. */
    needId: uuid('need_id'),
    /** proposed | heard | decided | dropped */
    status: text('status').notNull().default('proposed'),
    hearingNote: text('hearing_note').notNull().default(''),
    decisionNote: text('decision_note').notNull().default(''),
    proposedBy: uuid('proposed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('proposal_themes_programme_idx').on(t.municipalityId, t.programmeId)],
)

/** 意見交換会: a group's pre-consultation with a department, recorded before it applies. */
export const proposalConsultations = pgTable(
  'proposal_consultations',
  {
    id: id(),
    municipalityId: tenant(),
    programmeId: uuid('programme_id').notNull(),
    groupId: uuid('group_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('proposal_consultations_programme_idx').on(t.municipalityId, t.programmeId, t.groupId)],
)

/**
 * 提案書: a group's proposal. Seen by the group's members, the coordinator and the invited reviewers
 * (never the public until adopted; then only title, group, amounts).
 */
export const proposalApplications = pgTable(
  'proposal_applications',
  {
    id: id(),
    municipalityId: tenant(),
    programmeId: uuid('programme_id').notNull(),
    groupId: uuid('group_id').notNull(),
    courseCode: text('course_code').notNull().default(''),
    themeId: uuid('theme_id'),
    departmentId: uuid('department_id'),
    title: text('title').notNull(),
    purpose: text('purpose').notNull().default(''),
    localIssue: text('local_issue').notNull().default(''),
    content: text('content').notNull().default(''),
    plan: text('plan').notNull().default(''),
    outcomes: text('outcomes').notNull().default(''),
    measures: text('measures').notNull().default(''),
    team: text('team').notNull().default(''),
    roles: text('roles').notNull().default(''),
    budget: jsonb('budget').$type<BudgetLine[]>().notNull().default([]),
    /** draft | submitted | eligible | ineligible | adopted | conditional | rejected */
    status: text('status').notNull().default('draft'),
    eligibilityNote: text('eligibility_note').notNull().default(''),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    presentationOrder: integer('presentation_order'),
    presentationAt: timestamp('presentation_at', { withTimezone: true }),
    presentationMinutes: integer('presentation_minutes'),
    /** The collaboration project it became. */
    projectId: uuid('project_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('proposal_applications_programme_idx').on(t.municipalityId, t.programmeId, t.status),
    index('proposal_applications_group_idx').on(t.municipalityId, t.groupId),
  ],
)

/** The review panel: reviewers (審査委員) invited to one programme. */
export const proposalReviewers = pgTable(
  'proposal_reviewers',
  {
    id: id(),
    municipalityId: tenant(),
    programmeId: uuid('programme_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('proposal_reviewers_uq').on(t.municipalityId, t.programmeId, t.userId)],
)

/** A reviewer's declaration of a conflict of interest on one proposal: they can neither see nor score it. */
export const proposalConflicts = pgTable(
  'proposal_conflicts',
  {
    id: id(),
    municipalityId: tenant(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('proposal_conflicts_uq').on(t.municipalityId, t.applicationId, t.userId)],
)

/** A score 1–5 with its comment, per reviewer, stage (document | presentation) and criterion. */
export const proposalScores = pgTable(
  'proposal_scores',
  {
    id: id(),
    municipalityId: tenant(),
    applicationId: uuid('application_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    stage: text('stage').notNull(),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('proposal_scores_uq').on(
      t.municipalityId,
      t.applicationId,
      t.reviewerId,
      t.stage,
      t.criterion,
    ),
  ],
)

/** Funnel figures of years before Kyodo (e.g. Chigasaki's H27–R1), kept beside the live counts. */
export const proposalFunnelHistory = pgTable(
  'proposal_funnel_history',
  {
    id: id(),
    municipalityId: tenant(),
    fiscalYear: integer('fiscal_year').notNull(),
    consultations: integer('consultations').notNull().default(0),
    applications: integer('applications').notNull().default(0),
    adopted: integer('adopted').notNull().default(0),
    continued: integer('continued').notNull().default(0),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('proposal_funnel_history_uq').on(t.municipalityId, t.fiscalYear)],
)
