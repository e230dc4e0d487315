import { date, index, jsonb, pgTable, real, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

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
