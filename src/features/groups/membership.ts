import { sql } from 'drizzle-orm'
import { type Actor, membership } from '../../core/actor.ts'
import type { MembershipSource, RoleSource } from '../../core/feature.ts'

export type GroupRole = 'owner' | 'editor'

declare module '../../core/actor.ts' {
  interface Memberships {
    /** groupId → the user's role in that group. */
    groups: Record<string, GroupRole>
  }
}

/** The groups the actor belongs to, with their role in each. */
export const groupRolesOf = (a: Actor | null): Record<string, GroupRole> =>
  a ? membership(a, 'groups', {}) : {}

export const groupMemberships: MembershipSource = {
  key: 'groups',
  query: (tenantId, userId) =>
    sql`SELECT group_id AS ref, role FROM group_members WHERE municipality_id = ${tenantId} AND user_id = ${userId}`,
  fold: (rows) => Object.fromEntries(rows.map((r) => [r.ref, r.role === 'owner' ? 'owner' : 'editor'])),
}

export const groupMemberRole: RoleSource = {
  role: 'group_member',
  label: '団体メンバー',
  holds: (a) => Object.keys(groupRolesOf(a)).length > 0,
}
