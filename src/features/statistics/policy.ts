import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, type Rules } from '../../core/policy.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)

/**
 * The statistics of collaboration: the public page, its CSV files and the open-data list are for
 * anyone (aggregates of what is public); the coordinator's dashboard adds internal projects, the
 * proposal funnel, continuation after the end and consultations by department.
 */
export const rules = {
  'statistics.view': anyone,
  'statistics.dashboard': (a: A) => coord(a),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
