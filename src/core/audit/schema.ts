import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Append-only audit log. A trigger (migration 0001) refuses UPDATE and DELETE,
 * so the application cannot alter or remove what it wrote.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    municipalityId: uuid('municipality_id').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** e-mail or 'system' / 'anonymous', kept so the row stays readable */
    actorLabel: text('actor_label').notNull(),
    /** e.g. 'department.create', 'auth.login.failure', 'authz.denied' */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull().default(''),
    entityId: text('entity_id').notNull().default(''),
    /** Changed fields: { field: [before, after] } or a summary; never secrets. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.municipalityId, t.at),
    index('audit_log_entity_idx').on(t.municipalityId, t.entityType, t.entityId),
  ],
)
