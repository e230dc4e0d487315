import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'
import type { Answers, Questionnaire } from './questionnaire.ts'

/** A picked and edited free-text answer shown under a figure as 主な意見. */
export interface Opinion {
  /** The heading it is grouped under (e.g. the choice it explains). */
  group: string
  text: string
}

/**
 * 協働事業等に関する実態把握調査: one survey of every department about one fiscal year's
 * collaboration (Musashino's, issue 16). The questionnaire is copied into the survey when it is
 * created, so later edits of the template never change a year that has been answered.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    municipalityId: tenant(),
    /** The fiscal year the survey asks about (平成22年度 → 2010); attributes are computed for it. */
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    /** draft | open | closed */
    status: text('status').notNull().default('draft'),
    questionnaire: jsonb('questionnaire').$type<Questionnaire>().notNull(),
    /** Answers are due by this date (shown to departments; reminders before it). */
    dueOn: text('due_on'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The report is public (figures and the picked 主な意見 only) from this time; null: staff only. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The coordinator's written summary per report section (section key → text). */
    summaries: jsonb('summaries').$type<Record<string, string>>().notNull().default({}),
    /** 主な意見 picked under each figure (figure key → opinions). */
    opinions: jsonb('opinions').$type<Record<string, Opinion[]>>().notNull().default({}),
    /** Notes about the data (e.g. where a reproduced report's own figures disagree). */
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('surveys_year_uq').on(t.municipalityId, t.fiscalYear)],
)

/**
 * One department's answer to a survey: its attribute (属性①–④) computed from the project records
 * when the survey opened, its answers (department questions, and one set per project), a draft
 * until submitted. Several staff of the department may edit it; `version` guards against one
 * overwriting another's save.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    municipalityId: tenant(),
    surveyId: uuid('survey_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** The department's name when the survey opened (the report keeps it through reorganisations). */
    departmentName: text('department_name').notNull(),
    /** 1–4 (属性①–④). */
    attribute: integer('attribute').notNull(),
    /** not_started | draft | submitted */
    status: text('status').notNull().default('not_started'),
    answers: jsonb('answers').$type<Answers>().notNull(),
    version: integer('version').notNull().default(0),
    updatedBy: uuid('updated_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('survey_responses_dept_uq').on(t.municipalityId, t.surveyId, t.departmentId),
    index('survey_responses_survey_idx').on(t.municipalityId, t.surveyId),
  ],
)
