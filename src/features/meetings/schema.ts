import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, tenant, updatedAt } from '../../core/db/columns.ts'

/**
 * 調整会議: a meeting about a pairing, a consultation, a proposal or a project (or about nothing in
 * particular). The subject is generic (`subject_type` + `subject_id`, no foreign key) so that later
 * rooms attach meetings without a schema change. A meeting is 日程調整中 until the organiser fixes
 * one of its candidate date-times, then 開催予定, then 開催済 once minuted (or 中止).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    municipalityId: tenant(),
    /** pairing | consultation | proposal | project | none */
    subjectType: text('subject_type').notNull().default('none'),
    subjectId: uuid('subject_id'),
    /** The subject's name when the meeting was set (shown without reading the other room). */
    subjectTitle: text('subject_title').notNull().default(''),
    title: text('title').notNull(),
    place: text('place').notNull().default(''),
    /** The department that organises it (its staff see and manage the meeting). */
    departmentId: uuid('department_id'),
    organiserId: uuid('organiser_id'),
    /** scheduling | scheduled | held | cancelled (日程調整中 / 開催予定 / 開催済 / 中止) */
    status: text('status').notNull().default('scheduling'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    fixedCandidateId: uuid('fixed_candidate_id'),
    agenda: text('agenda').notNull().default(''),
    minutes: text('minutes').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    minutedAt: timestamp('minuted_at', { withTimezone: true }),
    minutedBy: uuid('minuted_by'),
    /** When the reminder of the day before was mailed (once per fixed date). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** iCalendar SEQUENCE: raised each time the date is fixed again. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_subject_idx').on(t.municipalityId, t.subjectType, t.subjectId),
    index('meetings_status_idx').on(t.municipalityId, t.status, t.startsAt),
  ],
)

/** A candidate date-time the organiser proposes (候補日時). */
export const meetingCandidates = pgTable(
  'meeting_candidates',
  {
    id: id(),
    municipalityId: tenant(),
    meetingId: uuid('meeting_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_candidates_meeting_idx').on(t.municipalityId, t.meetingId, t.position)],
)

/**
 * Who takes part: a person with an account (user; department_id / group_id say on whose behalf),
 * a department as a whole (department: its staff see the meeting), or an outside person without an
 * account (outside: a university, a company). Personal data of outside people (name, e-mail,
 * organisation) — purpose: to set the date and send the invitation; seen by those who manage the
 * meeting; the e-mail address and the link are erased OUTSIDE_RETENTION_DAYS (365) after the meeting
 * (the meetings.purge job), name and organisation stay with the record. Only the SHA-256 of their
 * link's token is stored.
 */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: id(),
    municipalityId: tenant(),
    meetingId: uuid('meeting_id').notNull(),
    /** user | department | outside */
    kind: text('kind').notNull(),
    userId: uuid('user_id'),
    departmentId: uuid('department_id'),
    groupId: uuid('group_id'),
    name: text('name').notNull().default(''),
    email: text('email').notNull().default(''),
    organisation: text('organisation').notNull().default(''),
    /** A note beside the marks (「午後なら可」). */
    comment: text('comment').notNull().default(''),
    tokenHash: text('token_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meeting_participants_meeting_idx').on(t.municipalityId, t.meetingId),
    index('meeting_participants_user_idx').on(t.municipalityId, t.userId),
  ],
)

/** A participant's mark for one candidate: yes ○, maybe △, no ×. */
export const meetingMarks = pgTable(
  'meeting_marks',
  {
    id: id(),
    municipalityId: tenant(),
    meetingId: uuid('meeting_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    /** yes | maybe | no */
    mark: text('mark').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meeting_marks_uq').on(t.municipalityId, t.candidateId, t.participantId),
    index('meeting_marks_meeting_idx').on(t.municipalityId, t.meetingId),
  ],
)

/** 対応事項: an action item of a meeting, with an owner (an account), a due date and a state. */
export const meetingActions = pgTable(
  'meeting_actions',
  {
    id: id(),
    municipalityId: tenant(),
    meetingId: uuid('meeting_id').notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').notNull(),
    dueOn: date('due_on').notNull(),
    /** todo | doing | done (未着手 / 対応中 / 完了) */
    state: text('state').notNull().default('todo'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** When the owner was told the item is overdue (once). */
    overdueMailedAt: timestamp('overdue_mailed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meeting_actions_owner_idx').on(t.municipalityId, t.ownerId, t.state),
    index('meeting_actions_meeting_idx').on(t.municipalityId, t.meetingId),
  ],
)
