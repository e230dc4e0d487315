import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules } from '../../core/policy.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)
const inDepartment = (a: A, departmentId: string) => !!a && departmentIdsOf(a).includes(departmentId)

/**
 * The yearly survey of departments. The coordinator builds, opens, reminds, closes and publishes
 * it; a department's staff answer for their department only; the coordinator reads every answer.
 * A report is public once published (figures and the picked 主な意見, never who wrote what);
 * before that only the coordinator sees it.
 */
export const rules = {
  'survey.list': anyone,
  'survey.manage': coordinator,
  /** The page of surveys waiting for a department's answers. */
  'survey.mine': (a: A) => !!a && departmentIdsOf(a).length > 0,
  'survey.answer': (a: A, r: { departmentId: string }) => inDepartment(a, r.departmentId),
  'survey.response.read': (a: A, r: { departmentId: string }) => coord(a) || inDepartment(a, r.departmentId),
  'survey.report': (a: A, s: { publishedAt: Date | null }) => !!s.publishedAt || coord(a),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
