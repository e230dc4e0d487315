import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../db/columns.ts'

/** Everyone who signs in. Roles: flags for city-wide roles, memberships for departments and groups. */
export const users = pgTable(
  'users',
  {
    id: id(),
    municipalityId: tenant(),
    /** Stored lower-cased; purpose: sign-in and notices. Retained while the account exists. */
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    familyName: text('family_name').notNull().default(''),
    givenName: text('given_name').notNull().default(''),
    familyNameKana: text('family_name_kana').notNull().default(''),
    givenNameKana: text('given_name_kana').notNull().default(''),
    isAdmin: boolean('is_admin').notNull().default(false),
    isCoordinator: boolean('is_coordinator').notNull().default(false),
    isReviewer: boolean('is_reviewer').notNull().default(false),
    /** TOTP (RFC 6238) second factor: the base32 secret once confirmed, and one awaiting confirmation. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Last accepted time step, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    /** SHA-256 hashes of unused recovery codes. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    /** Language of the interface: 'ja' (default) or 'en'. */
    locale: text('locale').notNull().default('ja'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.municipalityId, t.email)],
)

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** One-time tokens sent by mail: e-mail verification, password reset, invitations. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: id(),
    municipalityId: tenant(),
    /** 'verify_email' | 'reset_password' | 'invite' */
    kind: text('kind').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id'),
    email: text('email').notNull(),
    /** For invitations: { role, departmentId?, groupId? } */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_tokens_hash_uq').on(t.tokenHash)],
)

/** Personal access tokens for the JSON API (coordinators and administrators). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, shown so people can tell tokens apart. */
    prefix: text('prefix').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
)

/** Fixed-window counters for rate limits, shared by every process through the database. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
})

export type User = typeof users.$inferSelect
