import type { Actor } from '../../core/actor.ts'
import { isCityStaff } from '../../core/roles.ts'
import { type ActionsOf, coordinator, type Rules } from '../../core/policy.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
const inDepartment = (a: A, departmentId: string | undefined) =>
  !!departmentId && departmentIdsOf(a).includes(departmentId)

export const rules = {
  'need.create': (a: A) => !!a && (departmentIdsOf(a).length > 0 || a.isCoordinator || a.isAdmin),
  /** Department staff of the owning department, coordinators and administrators. */
  'need.edit': (a: A, n: { departmentId: string }) =>
    !!a && (a.isCoordinator || a.isAdmin || inDepartment(a, n?.departmentId)),
  /** Drafts and withdrawn needs: owners only; city-hall-only needs: city staff; the rest: anyone. */
  'need.view': (a: A, n: { departmentId: string; status: string; visibility: string }) =>
    a && (a.isCoordinator || a.isAdmin || inDepartment(a, n?.departmentId))
      ? true
      : ['published', 'coordinating', 'matched', 'unmatched'].includes(n?.status) &&
        (n?.visibility === 'public' || isCityStaff(a)),
  'need.mine': (a: A) => !!a && (departmentIdsOf(a).length > 0 || a.isCoordinator || a.isAdmin),
  'need.interest': (a: A) => !!a && Object.keys(groupRolesOf(a)).length > 0,
  /** 計画・施策 that needs refer to: the collaboration office keeps the list (with the administrators). */
  'plans.manage': coordinator,
  'hearing.manage': coordinator,
  'hearing.view': (a: A) => isCityStaff(a),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
