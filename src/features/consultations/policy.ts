import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules } from '../../core/policy.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)
const assigned = (a: A, c: { departmentIds: string[] } | undefined) =>
  !!a && !!c && c.departmentIds.some((d) => departmentIdsOf(a).includes(d))

/**
 * A consultation is never public: the sender reads it by the link of the receipt mail (checked by
 * its token in service.ts, not here), the coordinator triages every one, and the departments it is
 * assigned to see and answer it.
 */
export const rules = {
  /** Anyone may ask, without an account. */
  'consultation.ask': anyone,
  /** The inbox, assignment, due dates, templates, statistics, erasure: the coordinator. */
  'consultation.triage': coordinator,
  /** Reading one (with the sender's contact): the coordinator and the assigned departments. */
  'consultation.view': (a: A, c: { departmentIds: string[] }) => coord(a) || assigned(a, c),
  /** Replying, internal notes and the state: the same people. */
  'consultation.answer': (a: A, c: { departmentIds: string[] }) => coord(a) || assigned(a, c),
  /** A department's list of the consultations assigned to it. */
  'consultation.department': (a: A) => !!a && departmentIdsOf(a).length > 0,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
