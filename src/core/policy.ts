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
  /** The public department list (which department to ask), areas and fiscal years. */
  'organisation.browse': anyone,
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
  'group.view': anyone,
  'group.history': coordinator,
  'group.conditions': admin,
  'group.renewalRun': coordinator,
  'group.delete': coordinator,
  'group.leave': signedIn,

  // --- needs and matching (src/features/matching)
  'need.create': (a) => !!a && (a.departmentIds.length > 0 || a.isCoordinator || a.isAdmin),
  /** Department staff of the owning department, coordinators and administrators. */
  'need.edit': (a, n: { departmentId: string }) =>
    !!a && (a.isCoordinator || a.isAdmin || a.departmentIds.includes(n?.departmentId)),
  /** Drafts and withdrawn needs: owners only; city-hall-only needs: city staff; the rest: anyone. */
  'need.view': (a, n: { departmentId: string; status: string; visibility: string }) =>
    a && (a.isCoordinator || a.isAdmin || a.departmentIds.includes(n?.departmentId))
      ? true
      : ['published', 'coordinating', 'matched', 'unmatched'].includes(n?.status) &&
        (n?.visibility === 'public' || isCityStaff(a)),
  'need.mine': (a) => !!a && (a.departmentIds.length > 0 || a.isCoordinator || a.isAdmin),
  'need.interest': (a) => !!a && Object.keys(a.groupRoles).length > 0,
  'offer.create': (a) => !!a && (Object.keys(a.groupRoles).length > 0 || a.isCoordinator || a.isAdmin),
  'offer.edit': (a, o: { groupId: string }) =>
    !!a && (!!a.groupRoles[o?.groupId] || a.isCoordinator || a.isAdmin),
  'group.matches': (a, g: { id: string }) => isCityStaff(a) || (!!a && !!a.groupRoles[g?.id]),
  'menu.manage': coordinator,
  'plans.manage': admin,
  'hearing.manage': coordinator,
  'hearing.view': (a) => isCityStaff(a),
  'board.view': coordinator,
  'pairing.create': (a, n: { departmentId: string }) =>
    !!a && (a.isCoordinator || a.isAdmin || a.departmentIds.includes(n?.departmentId)),
  /** Everyone who takes part: the coordinator, the department, the group, the person responsible. */
  'pairing.view': (a, p: { groupId: string; departmentId: string; responsibleUserId: string | null }) =>
    !!a &&
    (a.isCoordinator ||
      a.isAdmin ||
      a.departmentIds.includes(p?.departmentId) ||
      !!a.groupRoles[p?.groupId] ||
      p?.responsibleUserId === a.userId),
  'pairing.manage': (a, p: { departmentId: string; responsibleUserId: string | null }) =>
    !!a &&
    (a.isCoordinator ||
      a.isAdmin ||
      a.departmentIds.includes(p?.departmentId) ||
      p?.responsibleUserId === a.userId),
  'pairing.mine': signedIn,
  'notifications.view': signedIn,
} satisfies Record<string, Rule>

export type Action = keyof typeof rules

export function can(actor: Actor | null, action: Action, resource?: unknown): boolean {
  return rules[action](actor, resource)
}
