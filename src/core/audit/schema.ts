import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

/**
 * Append-only audit log. A trigger (migration 0002) refuses UPDATE and DELETE, so the application
 * cannot alter or remove what it wrote; and each city's rows form a hash chain (migration 0012):
 * a BEFORE INSERT trigger sets chain_seq, prev_hash and hash under a lock on the city's
 * audit_chain_head row, so a change made behind the triggers' back is found by `kyodo audit verify`.
 * The three chain columns are always set by the database; what the caller passes is overwritten.
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
    /** Position in the city's chain: 1, 2, 3 … in the order the rows were committed. */
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull().default(0),
    /** hash of the row before (chain_seq − 1) in the same city; '' for the first. */
    prevHash: text('prev_hash').notNull().default(''),
    /** sha256(prev_hash, canonical row), hex: SQL function kyodo_audit_hash (migration 0012). */
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    uniqueIndex('audit_log_chain_uq').on(t.municipalityId, t.chainSeq),
    index('audit_log_at_idx').on(t.municipalityId, t.at),
    index('audit_log_entity_idx').on(t.municipalityId, t.entityType, t.entityId),
  ],
)

/** The newest link of each city's audit chain; written only by the audit_log trigger. */
export const auditChainHead = pgTable('audit_chain_head', {
  municipalityId: uuid('municipality_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull().default(''),
})
