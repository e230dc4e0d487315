import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

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
