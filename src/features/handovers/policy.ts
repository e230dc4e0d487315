import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, coordinator, type Rules } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)

export const rules = {
  /** City staff hand over their own work; the coordinator and administrators anyone's (April rotation). */
  'handover.list': (a: A) => isCityStaff(a),
  'handover.create': (a: A, from: { userId: string }) =>
    coord(a) || (isCityStaff(a) && a!.userId === from?.userId),
  /** The note (経緯・約束・温度感) is internal: the two people, the coordinator, administrators. */
  'handover.view': (a: A, h: { fromUserId: string; toUserId: string }) =>
    coord(a) || (!!a && (a.userId === h?.fromUserId || a.userId === h?.toUserId)),
  /** Only the successor acknowledges. */
  'handover.acknowledge': (a: A, h: { toUserId: string; status: string }) =>
    !!a && a.userId === h?.toUserId && h.status === 'pending',
  /** Work whose holder has gone, and who holds what in every department. */
  'handover.oversee': coordinator,
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
