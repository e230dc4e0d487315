import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules, signedIn } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { PUBLIC_STATUSES } from './domain.ts'

type A = Actor | null
type Organised = { organiserGroupIds: string[]; organiserDepartmentIds: string[] }
type Visible = Organised & { status: string; kind: string }

/** A member of an organising group or staff of an organising department. */
export const isOrganiser = (a: A, e: Organised | undefined) =>
  !!a &&
  !!e &&
  (e.organiserGroupIds.some((g) => g in groupRolesOf(a)) ||
    e.organiserDepartmentIds.some((d) => departmentIdsOf(a).includes(d)))

const coordinatorOrOrganiser = (a: A, e: Organised) =>
  !!a && (a.isCoordinator || a.isAdmin || isOrganiser(a, e))

export const rules = {
  /** The coordinator (and administrators) create and edit events. */
  'event.create': coordinator,
  'event.edit': (a: A, _e: { id: string }) => !!a && (a.isCoordinator || a.isAdmin),
  /** Drafts: coordinator and organisers; 職員研修: city staff only; the rest: anyone. */
  'event.view': (a: A, e: Visible) =>
    coordinatorOrOrganiser(a, e) ||
    (PUBLIC_STATUSES.includes(e?.status) && (e?.kind !== 'staff_training' || isCityStaff(a))),
  /** Anyone may register (no account needed); the service checks the deadline and the seats. */
  'event.register': anyone,
  /** Registrants' personal data, the roster and the record: organisers and the coordinator only. */
  'event.registrations': coordinatorOrOrganiser,
  'event.record': coordinatorOrOrganiser,
  /** Calls for presenters, the programme, hearings, the questionnaire's pairings: the coordinator. */
  'event.call.manage': (a: A, _e: { id: string }) => !!a && (a.isCoordinator || a.isAdmin),
  /** The application page of a call: anyone signed in (it says who may apply). */
  'event.apply.page': signedIn,
  /** A member of a group (for the group) or department staff (for the department) applies to an open call. */
  'event.apply': (a: A, c: { status: string; acceptsGroups: boolean; acceptsDepartments: boolean }) =>
    !!a &&
    c?.status === 'open' &&
    ((c.acceptsGroups && Object.keys(groupRolesOf(a)).length > 0) ||
      (c.acceptsDepartments && departmentIdsOf(a).length > 0)),
  /** An application: the applying group's members or department's staff, and the coordinator. */
  'event.application.view': (a: A, x: { groupId: string | null; departmentId: string | null }) =>
    !!a &&
    (a.isCoordinator ||
      a.isAdmin ||
      (!!x?.groupId && x.groupId in groupRolesOf(a)) ||
      (!!x?.departmentId && departmentIdsOf(a).includes(x.departmentId))),
  /** Questionnaire answers (satisfaction, comments): organisers and the coordinator. */
  'event.survey.results': coordinatorOrOrganiser,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
