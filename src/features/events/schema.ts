import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
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
    /** 地区 of the place (areas of the organisation room); null = city-wide or online. */
    areaId: uuid('area_id'),
    /** Seats (people); null = no limit. */
    capacity: integer('capacity'),
    audience: text('audience').notNull().default(''),
    fee: text('fee').notNull().default(''),
    // 主催・共催 (departments and groups; the organisers see the registrations):
    // event_organiser_departments, event_organiser_groups
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
    /** SHA-256 of the questionnaire token mailed after the event (the token itself is never stored). */
    surveyTokenHash: text('survey_token_hash'),
    surveySentAt: timestamp('survey_sent_at', { withTimezone: true }),
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

/**
 * 発表者の募集 (call for presenters) of one event: groups apply to present, departments are
 * recruited to explain an issue (説明担当課). One call per event; the programme it leads to is
 * published on the event page.
 */
export const eventCalls = pgTable(
  'event_calls',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    theme: text('theme').notNull().default(''),
    /** What is asked of applicants (募集の案内). */
    message: text('message').notNull().default(''),
    acceptsGroups: boolean('accepts_groups').notNull().default(true),
    acceptsDepartments: boolean('accepts_departments').notNull().default(true),
    /** End of the day (Japan) the call closes; null = until the coordinator closes it. */
    deadline: timestamp('deadline', { withTimezone: true }),
    /** open | closed */
    status: text('status').notNull().default('open'),
    programmePublishedAt: timestamp('programme_published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('event_calls_event_uq').on(t.municipalityId, t.eventId)],
)

/**
 * One application to a call: a group (発表団体) or a department (説明担当課). Seen by the
 * applicant's group or department and the coordinator; once selected and the programme is
 * published, the title, the slot and the presenter's name are public. The hearing (ヒアリング)
 * before the event is recorded here (date and notes, coordinator and applicant only).
 */
export const eventApplications = pgTable(
  'event_applications',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    callId: uuid('call_id').notNull(),
    /** group | department */
    kind: text('kind').notNull(),
    groupId: uuid('group_id'),
    departmentId: uuid('department_id'),
    /** What the group will present, or the issue the department will explain. */
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Time asked for (minutes). */
    minutes: integer('minutes').notNull(),
    applicantUserId: uuid('applicant_user_id'),
    /** applied | selected | declined */
    status: text('status').notNull().default('applied'),
    /** The coordinator's words to the applicant (shown to them when the programme is published). */
    decisionNote: text('decision_note').notNull().default(''),
    /** The slot in the programme: order, start and length (selected applications). */
    slotOrder: integer('slot_order'),
    slotStartsAt: timestamp('slot_starts_at', { withTimezone: true }),
    slotMinutes: integer('slot_minutes'),
    /** ヒアリング before the event. */
    hearingOn: date('hearing_on'),
    hearingNotes: text('hearing_notes').notNull().default(''),
    /** When the applicant was last told of the decision (programme published). */
    toldAt: timestamp('told_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('event_applications_event_idx').on(t.municipalityId, t.eventId, t.createdAt),
    uniqueIndex('event_applications_group_uq').on(t.municipalityId, t.eventId, t.groupId),
    uniqueIndex('event_applications_department_uq').on(t.municipalityId, t.eventId, t.departmentId),
  ],
)

/** 資料: files presenters (or the coordinator) upload for an event; public on the event page. */
export const eventMaterials = pgTable(
  'event_materials',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    applicationId: uuid('application_id'),
    title: text('title').notNull(),
    /** Key in the storage (src/core/storage.ts). */
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('event_materials_event_idx').on(t.municipalityId, t.eventId)],
)

/**
 * A participant's answer to the questionnaire after the event (reached by the token mailed to a
 * registrant; no account needed). Seen by the organisers and the coordinator only; the comment is
 * cleared with the registrants' personal data (events.purge).
 */
export const eventSurveyAnswers = pgTable(
  'event_survey_answers',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    registrationId: uuid('registration_id').notNull(),
    /** 1 (不満) … 5 (満足) */
    satisfaction: integer('satisfaction').notNull(),
    // whom the participant met: event_survey_met_groups, event_survey_met_departments
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('event_survey_answers_registration_uq').on(t.municipalityId, t.registrationId)],
)

/**
 * 主催・共催の課: composite foreign keys to events (CASCADE) and departments (NO ACTION; migration 0036).
 * The staff of an organising department see the registrations (policy.ts).
 */
export const eventOrganiserDepartments = pgTable(
  'event_organiser_departments',
  {
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.eventId, t.departmentId] }),
    index('event_organiser_departments_department_idx').on(t.municipalityId, t.departmentId),
  ],
)

/** 主催・共催の団体: composite foreign keys to events (CASCADE) and groups (NO ACTION; migration 0036). */
export const eventOrganiserGroups = pgTable(
  'event_organiser_groups',
  {
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    groupId: uuid('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.eventId, t.groupId] }),
    index('event_organiser_groups_group_idx').on(t.municipalityId, t.groupId),
  ],
)

/**
 * The groups a participant says they met (an answer's 話をした団体): composite foreign keys to the
 * answer and to groups, both CASCADE (anonymous statistics; migration 0036).
 */
export const eventSurveyMetGroups = pgTable(
  'event_survey_met_groups',
  {
    municipalityId: tenant(),
    answerId: uuid('answer_id').notNull(),
    groupId: uuid('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.answerId, t.groupId] }),
    index('event_survey_met_groups_group_idx').on(t.municipalityId, t.groupId),
  ],
)

/** The departments a participant says they met (話をした課): as event_survey_met_groups. */
export const eventSurveyMetDepartments = pgTable(
  'event_survey_met_departments',
  {
    municipalityId: tenant(),
    answerId: uuid('answer_id').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.answerId, t.departmentId] }),
    index('event_survey_met_departments_department_idx').on(t.municipalityId, t.departmentId),
  ],
)

/** A pairing candidate put on the coordination board from an event ("group X met department Y"). */
export const eventPairings = pgTable(
  'event_pairings',
  {
    id: id(),
    municipalityId: tenant(),
    eventId: uuid('event_id').notNull(),
    pairingId: uuid('pairing_id').notNull(),
    groupId: uuid('group_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('event_pairings_uq').on(t.municipalityId, t.eventId, t.groupId, t.departmentId)],
)
