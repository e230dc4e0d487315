import type { Actor } from '../../core/actor.ts'
import type { ActionsOf, Rules } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
/** What the rules need of a project. */
export interface ProjectRef {
  departmentId: string
  departmentIds: string[]
  groupIds: string[]
  internal: boolean
}

const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)
/** The city side of the project: staff of its lead or a taking-part department. */
export const onCitySide = (a: A, p: ProjectRef | undefined) =>
  !!p && departmentIdsOf(a).some((d) => d === p.departmentId || p.departmentIds.includes(d))
/** The partner side: members of a registered partner group. */
export const onGroupSide = (a: A, p: ProjectRef | undefined) =>
  !!p && Object.keys(groupRolesOf(a)).some((g) => p.groupIds.includes(g))
const onProject = (a: A, p: ProjectRef | undefined) => coord(a) || onCitySide(a, p) || onGroupSide(a, p)

export const rules = {
  /** Public unless internal; an internal record only for the coordinator and those on the project. */
  'project.view': (a: A, p: ProjectRef) => !p?.internal || onProject(a, p),
  /** Contacts, agreements, drafts of evaluations: those on the project and the coordinator. */
  'project.inside': (a: A, p: ProjectRef) => onProject(a, p),
  /** Registering a project: the coordinator and department staff. */
  'project.create': (a: A) => isCityStaff(a),
  /** The record, partners, budget, roles, state: the coordinator and the project's departments. */
  'project.edit': (a: A, p: ProjectRef) => coord(a) || onCitySide(a, p),
  /** Reports, evaluations and follow-ups: each side of the project (and the coordinator). */
  'project.report': (a: A, p: ProjectRef) => onProject(a, p),
  'project.evaluate': (a: A, p: ProjectRef) => onCitySide(a, p) || onGroupSide(a, p),
  'project.comment': (a: A, _p: ProjectRef) => coord(a),
  /** Recording the agreed date of a generation of the agreement: the coordinator. */
  'project.agree': (a: A, _p: ProjectRef) => coord(a),
  /** Registering existing collaborations from a file: the coordinator. */
  'project.import': (a: A) => coord(a),
  /** Publishing a finished project in the 事例集: the coordinator. */
  'project.publishCase': (a: A, _p: ProjectRef) => coord(a),
  /** The cases that did not come about (reasons of declined pairings): city staff. */
  'case.declined': (a: A) => isCityStaff(a),
  /** Continuation rates (aggregate, no names of internal projects): city staff. */
  'project.stats': (a: A) => isCityStaff(a),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
