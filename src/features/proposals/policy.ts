import type { Actor } from '../../core/actor.ts'
import { type ActionsOf, anyone, coordinator, type Rules } from '../../core/policy.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'

type A = Actor | null
const coord = (a: A) => !!a && (a.isCoordinator || a.isAdmin)
const member = (a: A, groupId: string) => !!a && !!groupRolesOf(a)[groupId]
const invited = (a: A, p: { reviewerIds: string[] }) =>
  !!a && a.isReviewer && p.reviewerIds.includes(a.userId)

/**
 * The proposal programme. Programmes are public once past preparation; a proposal is seen by its
 * group's members, the coordinator, and the reviewers invited to its programme who have no conflict
 * (a declared one, or membership of the applicant group). Scores: the coordinator; a reviewer their
 * own, and the panel's only once the panel is closed; applicants never.
 */
export const rules = {
  'proposal.list': anyone,
  'proposal.read': (a: A, p: { stage: string }) => p.stage !== 'preparing' || coord(a),
  'proposal.manage': coordinator,
  /** 庁内募集: department staff propose themes for a 行政提案型 call. */
  'proposal.theme': (a: A) => coord(a) || (!!a && departmentIdsOf(a).length > 0),
  /** A group's own page of calls and proposals. */
  'proposal.mine': (a: A) => !!a && Object.keys(groupRolesOf(a)).length > 0,
  'proposal.apply': (a: A, g: { groupId: string }) => member(a, g.groupId),
  'proposal.view': (a: A, x: { groupId: string; reviewerIds: string[]; conflict: boolean }) =>
    coord(a) || member(a, x.groupId) || (invited(a, x) && !x.conflict && !member(a, x.groupId)),
  'proposal.edit': (a: A, x: { groupId: string; status: string }) =>
    member(a, x.groupId) && x.status === 'draft',
  'proposal.review': (a: A) => !!a && a.isReviewer,
  'proposal.score': (a: A, x: { groupId: string; reviewerIds: string[]; conflict: boolean }) =>
    invited(a, x) && !x.conflict && !member(a, x.groupId),
  'proposal.conflict': (a: A, x: { reviewerIds: string[] }) => invited(a, x),
  'proposal.panel': (a: A, p: { reviewerIds: string[]; closed: boolean }) =>
    coord(a) || (invited(a, p) && p.closed),
  /** The letter and the application PDF: the applicant group and the coordinator. */
  'proposal.letter': (a: A, x: { groupId: string }) => coord(a) || member(a, x.groupId),
} satisfies Rules

declare module '../../core/policy.ts' {
  interface PolicyActions extends ActionsOf<typeof rules> {}
}
