import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/**
 * イベント・交流の場: 分野別発表会＆交流会, 説明会, 意見交換会, 交流会, 職員研修 (city staff only).
 * Times are timestamptz (UTC), shown in Asia/Tokyo.
 */
export const events = pgTable(
  'events',
  {
    id: id(),
    municipalityId: tenant(),
    /** presentation | briefing | dialogue | social | staff_training (codes in domain.ts) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Furigana in katakana (イベント名_カナ of the open data). */
    titleKana: text('title_kana').notNull().default(''),
    description: text('description').notNull().default(''),
    /** The theme (テーマ), for a 分野別発表会 usually a field. */
    theme: text('theme').notNull().default(''),
    /** Field codes: the city's list (settings.fields, default the NPO Act's 20), as groups use. */
    fields: text('fields').array().notNull().default([]),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    online: boolean('online').notNull().default(false),
    onlineUrl: text('online_url').notNull().default(''),
    placeName: text('place_name').notNull().default(''),
    placeAddress: text('place_address').notNull().default(''),
    /** バリアフリー情報 (車いす, 手話通訳, 託児 …) */
    placeAccessibility: text('place_accessibility').notNull().default(''),
    /** アクセス方法 */
    placeAccess: text('place_access').notNull().default(''),
    /** Seats (people); null = no limit. */
    capacity: integer('capacity'),
    audience: text('audience').notNull().default(''),
    fee: text('fee').notNull().default(''),
    /** 主催・共催: departments and groups; the organisers see the registrations. */
    organiserDepartmentIds: uuid('organiser_department_ids').array().notNull().default([]),
    organiserGroupIds: uuid('organiser_group_ids').array().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Whether people register through this site. */
    acceptsRegistrations: boolean('accepts_registrations').notNull().default(true),
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true }),
    /** draft | open | closed | held | cancelled (下書き → 募集中 → 締切 → 開催済 / 中止) */
    status: text('status').notNull().default('draft'),
    /** 記録: published on the event page after the event. */
    record: text('record').notNull().default(''),
    recordPublishedAt: timestamp('record_published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events_starts_idx').on(t.municipalityId, t.startsAt),
    index('events_status_idx').on(t.municipalityId, t.status),
    index('events_fields_idx').using('gin', t.fields),
  ],
)

/**
 * One registration (申込). Personal data (name, e-mail, needs, question) — purpose: to run the
 * event and reach the person about it; seen by the organisers and the coordinator; removed
 * EVENT_DATA_RETENTION_DAYS after the event by the events.purge job (people/attendance stay).
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id'),
    name: text('name').notNull().default(''),
    email: text('email').notNull().default(''),
    people: integer('people').notNull().default(1),
    accessibilityNeeds: text('accessibility_needs').notNull().default(''),
    question: text('question').notNull().default(''),
    /** registered | waitlisted | cancelled */
    status: text('status').notNull().default('registered'),
    /** SHA-256 of the cancel token mailed to the person (the token itself is never stored). */
    cancelTokenHash: text('cancel_token_hash').notNull(),
    attended: boolean('attended').notNull().default(false),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('event_registrations_event_idx').on(t.municipalityId, t.eventId, t.createdAt),
    uniqueIndex('event_registrations_email_uq')
      .on(t.municipalityId, t.eventId, t.email)
      .where(sql`status <> 'cancelled' AND email <> ''`),
  ],
)
