import { sql } from 'drizzle-orm'
import { type Actor, membership } from '../../core/actor.ts'
import type { MembershipSource, RoleSource } from '../../core/feature.ts'

declare module '../../core/actor.ts' {
  interface Memberships {
    /** Ids of the departments (課) the user works in. */
    departments: string[]
  }
}

/** The departments the actor works in (担当課職員). */
export const departmentIdsOf = (a: Actor | null): string[] => (a ? membership(a, 'departments', []) : [])

export const departmentMemberships: MembershipSource = {
  key: 'departments',
  query: (tenantId, userId) =>
    sql`SELECT department_id AS ref, '' AS role FROM department_members WHERE municipality_id = ${tenantId} AND user_id = ${userId}`,
  fold: (rows) => rows.map((r) => r.ref),
}

export const staffRole: RoleSource = {
  role: 'staff',
  label: '担当課職員',
  holds: (a) => departmentIdsOf(a).length > 0,
  cityStaff: true,
}
