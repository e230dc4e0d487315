import type { Actor } from '../../core/actor.ts'
import { isCityStaff } from '../../core/roles.ts'
import { type ActionsOf, coordinator, type Rules, signedIn } from '../../core/policy.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
const inDepartment = (a: A, departmentId: string | undefined) =>
  !!departmentId && departmentIdsOf(a).includes(departmentId)
const inGroup = (a: A, groupId: string | undefined) => !!groupId && !!groupRolesOf(a)[groupId]

export const rules = {
  'group.matches': (a: A, g: { id: string }) => isCityStaff(a) || inGroup(a, g?.id),
  'board.view': coordinator,
  'pairing.create': (a: A, n: { departmentId: string }) =>
    !!a && (a.isCoordinator || a.isAdmin || inDepartment(a, n?.departmentId)),
  /** Everyone who takes part: the coordinator, the department, the group, the person responsible. */
  'pairing.view': (a: A, p: { groupId: string; departmentId: string; responsibleUserId: string | null }) =>
    !!a &&
    (a.isCoordinator ||
      a.isAdmin ||
      inDepartment(a, p?.departmentId) ||
      inGroup(a, p?.groupId) ||
      p?.responsibleUserId === a.userId),
  'pairing.manage': (a: A, p: { departmentId: string; responsibleUserId: string | null }) =>
    !!a &&
    (a.isCoordinator || a.isAdmin || inDepartment(a, p?.departmentId) || p?.responsibleUserId === a.userId),
  'pairing.mine': signedIn,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
