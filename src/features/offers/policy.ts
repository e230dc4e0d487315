import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, coordinator, type Rules } from '../../core/policy.ts'
import { groupRolesOf } from '../groups/index.ts'

type A = Actor | null
const inGroup = (a: A, groupId: string | undefined) => !!groupId && !!groupRolesOf(a)[groupId]

export const rules = {
  'offer.create': (a: A) => !!a && (Object.keys(groupRolesOf(a)).length > 0 || a.isCoordinator || a.isAdmin),
  'offer.edit': (a: A, o: { groupId: string }) =>
    !!a && (inGroup(a, o?.groupId) || a.isCoordinator || a.isAdmin),
  'menu.manage': coordinator,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
