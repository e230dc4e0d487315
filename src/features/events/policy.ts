import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules } from '../../core/policy.ts'
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
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
