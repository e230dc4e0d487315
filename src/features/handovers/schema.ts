import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant } from '../../core/db/columns.ts'

/**
 * 引継ぎ: a staff member's open work given to a successor, with the note a successor needs
 * (経緯, 約束したこと, 温度感). The work moves when the hand-over is made; the successor then
 * acknowledges having read it. Kept for good: the history of who carried what stays readable.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: id(),
    municipalityId: tenant(),
    fromUserId: uuid('from_user_id').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    /** 経緯: how things came to where they are */
    background: text('background').notNull().default(''),
    /** 約束したこと: what was promised to whom */
    promises: text('promises').notNull().default(''),
    /** 温度感: how the partners feel about it (internal, never shown to groups) */
    temperature: text('temperature').notNull().default(''),
    /** pending | acknowledged */
    status: text('status').notNull().default('pending'),
    ackNote: text('ack_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    index('handovers_to_idx').on(t.municipalityId, t.toUserId, t.status),
    index('handovers_from_idx').on(t.municipalityId, t.fromUserId),
  ],
)

/** The items of a hand-over as they were when handed over (title and page kept for the history). */
export const handoverItems = pgTable(
  'handover_items',
  {
    id: id(),
    municipalityId: tenant(),
    handoverId: uuid('handover_id').notNull(),
    /** the holding source's kind (pairing, project, consultation, action …) */
    kind: text('kind').notNull(),
    itemId: uuid('item_id').notNull(),
    title: text('title').notNull(),
    href: text('href').notNull().default(''),
    state: text('state').notNull().default(''),
    groupIds: uuid('group_ids').array().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('handover_items_handover_idx').on(t.municipalityId, t.handoverId)],
)
