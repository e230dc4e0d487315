import type { Actor } from './actor.ts'
import { isCityStaff } from './actor.ts'

/**
 * The one place that says who may do what to which object. Every route asks `can` (pages
 * and API through `authorize` in http/guard.ts). Sections follow the features.
 */

type Rule = (a: Actor | null, r: any) => boolean

const signedIn: Rule = (a) => !!a
const admin: Rule = (a) => !!a?.isAdmin
const coordinator: Rule = (a) => !!a && (a.isCoordinator || a.isAdmin)
const anyone: Rule = () => true

export const rules = {
  // --- site and account
  'site.view': anyone,
  'account.manage': signedIn,
  'apiToken.manage': coordinator,

  // --- administration (organisation, users, audit, outbox)
  'admin.view': (a) => !!a && (a.isAdmin || a.isCoordinator),
  'organisation.manage': admin,
  'users.manage': admin,
  'audit.read': admin,
  'outbox.read': admin,
  /** Administrators invite any role; coordinators invite department staff and reviewers. */
  'invite.create': (a, r: { role: string }) =>
    !!a && (a.isAdmin || (a.isCoordinator && ['staff', 'reviewer'].includes(r?.role))),

  // --- groups
  'group.create': signedIn,
  'group.edit': (a, g: { id: string }) => !!a && (!!a.groupRoles[g.id] || a.isCoordinator || a.isAdmin),
  'group.own': (a, g: { id: string }) => !!a && (a.groupRoles[g.id] === 'owner' || a.isAdmin),
  'group.inviteMember': (a, g: { id: string }) => !!a && (a.groupRoles[g.id] === 'owner' || a.isAdmin),
  'group.review': coordinator,
  'group.viewStaffFields': (a) => isCityStaff(a),
  'group.viewCoordinatorFields': coordinator,
  'group.import': coordinator,
  'group.export': (a) => isCityStaff(a),
} satisfies Record<string, Rule>

export type Action = keyof typeof rules

export function can(actor: Actor | null, action: Action, resource?: unknown): boolean {
  return rules[action](actor, resource)
}
