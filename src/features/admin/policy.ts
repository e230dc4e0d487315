import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, admin, anyone, type Rules } from '../../core/policy.ts'

export const rules = {
  'admin.view': (a: Actor | null) => !!a && (a.isAdmin || a.isCoordinator),
  'organisation.manage': admin,
  /** The public department list (which department to ask), areas and fiscal years. */
  'organisation.browse': anyone,
  'users.manage': admin,
  'audit.read': admin,
  'outbox.read': admin,
  /** Administrators invite any role; coordinators invite department staff and reviewers. */
  'invite.create': (a: Actor | null, r: { role: string }) =>
    !!a && (a.isAdmin || (a.isCoordinator && ['staff', 'reviewer'].includes(r?.role))),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
