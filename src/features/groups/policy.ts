import type { Actor } from '../../core/actor.ts'
import { isCityStaff } from '../../core/roles.ts'
import { type ActionsOf, admin, anyone, coordinator, type Rules, signedIn } from '../../core/policy.ts'
import { groupRolesOf } from './membership.ts'

type A = Actor | null

export const rules = {
  'group.create': signedIn,
  'group.edit': (a: A, g: { id: string }) =>
    !!a && (!!groupRolesOf(a)[g?.id] || a.isCoordinator || a.isAdmin),
  'group.own': (a: A, g: { id: string }) => !!a && (groupRolesOf(a)[g?.id] === 'owner' || a.isAdmin),
  'group.inviteMember': (a: A, g: { id: string }) => !!a && (groupRolesOf(a)[g?.id] === 'owner' || a.isAdmin),
  'group.review': coordinator,
  'group.viewStaffFields': (a: A) => isCityStaff(a),
  'group.viewCoordinatorFields': coordinator,
  'group.import': coordinator,
  'group.export': (a: A) => isCityStaff(a),
  'group.view': anyone,
  'group.history': coordinator,
  'group.conditions': admin,
  'group.renewalRun': coordinator,
  'group.delete': coordinator,
  'group.leave': signedIn,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
