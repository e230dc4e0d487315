import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/** In-app notifications (also mailed). */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    href: text('href').notNull().default(''),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.municipalityId, t.userId, t.createdAt)],
)

/** What a person follows (fields, areas) and how often they want the digest of new needs. */
export const followSettings = pgTable(
  'follow_settings',
  {
    id: id(),
    municipalityId: tenant(),
    userId: uuid('user_id').notNull(),
    fields: text('fields').array().notNull().default([]),
    // the areas followed: follow_areas
    /** immediate (at publication) | daily | weekly | none */
    digest: text('digest').notNull().default('weekly'),
    /** Whether notices (お知らせ) are also mailed; the in-app notice is always written. */
    mailNotices: boolean('mail_notices').notNull().default(true),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('follow_settings_user_uq').on(t.municipalityId, t.userId)],
)

/**
 * The areas (地区) a person follows: composite foreign keys to follow_settings and areas of the same
 * city (migration 0032).
 */
export const followAreas = pgTable(
  'follow_areas',
  {
    municipalityId: tenant(),
    followId: uuid('follow_id').notNull(),
    areaId: uuid('area_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.followId, t.areaId] }),
    index('follow_areas_area_idx').on(t.municipalityId, t.areaId),
  ],
)
