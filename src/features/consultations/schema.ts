import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** One department the routing suggested when the consultation was sent (kept as it was then). */
export interface SuggestionSnapshot {
  departmentId: string
  name: string
  score: number
  reasons: string[]
}

/**
 * 相談: what a resident, a group or a business wrote in their own words, sent to the collaboration
 * office, to a department, or both. Never public: the sender reads it by the link of the receipt
 * mail (only the SHA-256 of its token is kept), the coordinator and the departments it is assigned
 * to in the portal.
 *
 * Personal data — name, email, phone, group_name: purpose: to answer the consultation; seen by the
 * coordinator and the assigned departments only; blanked by the coordinator on the person's request
 * (erased_at is set, the erasure is audited), and by the daily job CONSULTATION_RETENTION_DAYS after
 * it was closed. The text stays, as the record of the city's answer.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    municipalityId: tenant(),
    /** 相談-2026-0001: per city and calendar year (Japan time). */
    receiptNo: text('receipt_no').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    text: text('text').notNull(),
    /** resident | group | business | other (codes in domain.ts) */
    senderKind: text('sender_kind').notNull(),
    name: text('name').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    groupName: text('group_name').notNull().default(''),
    /** office | department | both: where the sender sent it. */
    destination: text('destination').notNull().default('office'),
    /** The department the sender chose among the suggestions (destination department or both). */
    requestedDepartmentId: uuid('requested_department_id'),
    suggestions: jsonb('suggestions').$type<SuggestionSnapshot[]>().notNull().default([]),
    /** received | reviewing | answered | closed (受付 / 確認中 / 回答済 / 完了) */
    status: text('status').notNull().default('received'),
    /** 分野 (a field code of the city), set by the coordinator for the statistics. */
    field: text('field').notNull().default(''),
    /** 回答期限 (a day in Japan). */
    dueOn: date('due_on', { mode: 'string' }),
    /** SHA-256 of the token of the status link. */
    tokenHash: text('token_hash').notNull(),
    /**
     * 担当者: the city-side person carrying it, set by the first reply or note of the city side;
     * what a hand-over (引継ぎ) gives to a successor.
     */
    handlerUserId: uuid('handler_user_id'),
    /** The pairing on the coordinator's board made from it (group × assigned department). */
    pairingId: uuid('pairing_id'),
    /** The need made from it (「ニーズにする」). */
    needId: uuid('need_id'),
    /** When the last overdue reminder went out (at most one a day). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('consultations_receipt_uq').on(t.municipalityId, t.year, t.seq),
    index('consultations_status_idx').on(t.municipalityId, t.status, t.createdAt),
  ],
)

/** The departments a consultation is assigned to (by the coordinator, or chosen by the sender). */
export const consultationAssignments = pgTable(
  'consultation_assignments',
  {
    id: id(),
    municipalityId: tenant(),
    consultationId: uuid('consultation_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** Null when the sender chose the department. */
    assignedBy: uuid('assigned_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('consultation_assignments_uq').on(t.municipalityId, t.consultationId, t.departmentId),
    index('consultation_assignments_department_idx').on(t.municipalityId, t.departmentId),
  ],
)

/**
 * The thread of a consultation: replies (回答, which the sender reads and is mailed) and internal
 * notes (内部メモ, for the coordinator and the assigned departments only), kept apart by `kind`.
 */
export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: id(),
    municipalityId: tenant(),
    consultationId: uuid('consultation_id').notNull(),
    /** reply | note */
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    /** The department the author answered for (null: the collaboration office). */
    departmentId: uuid('department_id'),
    authorId: uuid('author_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('consultation_messages_consultation_idx').on(t.municipalityId, t.consultationId, t.createdAt),
  ],
)

/** 回答テンプレート: reply texts the coordinator keeps for answers given often. */
export const consultationTemplates = pgTable(
  'consultation_templates',
  {
    id: id(),
    municipalityId: tenant(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('consultation_templates_city_idx').on(t.municipalityId, t.title)],
)
