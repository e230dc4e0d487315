import { sql } from 'drizzle-orm'
import { type Actor, membership } from '../../core/actor.ts'
import type { MembershipSource } from '../../core/feature.ts'
import { type ActionsOf, type Rules, signedIn } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null

declare module '../../core/actor.ts' {
  interface Memberships {
    /** Ids of the meetings the user takes part in, organises or holds an action item of. */
    meetings: string[]
  }
}

/** The meetings the actor takes part in (participant, organiser or owner of an action item). */
export const meetingIdsOf = (a: A): string[] => (a ? membership(a, 'meetings', []) : [])

export const meetingMemberships: MembershipSource = {
  key: 'meetings',
  query: (tenantId, userId) =>
    sql`SELECT meeting_id AS ref, 'participant' AS role FROM meeting_participants WHERE municipality_id = ${tenantId} AND user_id = ${userId}
        UNION SELECT id AS ref, 'organiser' AS role FROM meetings WHERE municipality_id = ${tenantId} AND organiser_id = ${userId}
        UNION SELECT meeting_id AS ref, 'owner' AS role FROM meeting_actions WHERE municipality_id = ${tenantId} AND owner_id = ${userId}`,
  fold: (rows) => [...new Set(rows.map((r) => r.ref))],
}

/** What the rules need to know of a meeting: who organises it and who takes part. */
export interface MeetingAccess {
  organiserId: string | null
  departmentId: string | null
  /** Accounts taking part. */
  userIds: string[]
  /** Departments taking part (as a whole, or through a member of staff), and the organising one. */
  departmentIds: string[]
}

const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)
const inDepartment = (a: A, ids: (string | null)[]) => {
  const mine = departmentIdsOf(a)
  return ids.some((id) => !!id && mine.includes(id))
}

export const rules = {
  /** Meetings are set by the city side: the coordinator, administrators and department staff. */
  'meeting.create': (a: A) => isCityStaff(a),
  /** 自分の調整会議・自分の対応事項 */
  'meeting.mine': signedIn,
  /** Participants, the organiser, the coordinator/admin, and staff of a participating department. */
  'meeting.view': (a: A, m: MeetingAccess) =>
    !!a &&
    !!m &&
    (coord(a) ||
      m.organiserId === a.userId ||
      m.userIds.includes(a.userId) ||
      inDepartment(a, [m.departmentId, ...m.departmentIds])),
  /** Candidates, participants, fixing the date, minutes and action items. */
  'meeting.manage': (a: A, m: MeetingAccess) =>
    !!a && !!m && (coord(a) || m.organiserId === a.userId || inDepartment(a, [m.departmentId])),
  /** Marking ○△× is for the accounts taking part. */
  'meeting.mark': (a: A, m: MeetingAccess) => !!a && !!m && m.userIds.includes(a.userId),
  /** An action item's state: its owner, or whoever manages the meeting. */
  'meeting.action.update': (a: A, x: { ownerId: string; meeting: MeetingAccess }) =>
    !!a &&
    !!x &&
    (x.ownerId === a.userId ||
      coord(a) ||
      x.meeting.organiserId === a.userId ||
      inDepartment(a, [x.meeting.departmentId])),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
