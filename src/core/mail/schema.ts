import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant } from '../db/columns.ts'

/** Every message Kyodo sends. Without SMTP it stays here and administrators read it in the app. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    municipalityId: tenant(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Extra mail headers (List-Unsubscribe, List-Unsubscribe-Post …), sent as they are. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** 'stored' (no SMTP configured) | 'queued' | 'sent' | 'failed' */
    status: text('status').notNull().default('stored'),
    error: text('error').notNull().default(''),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_created_idx').on(t.municipalityId, t.createdAt)],
)
