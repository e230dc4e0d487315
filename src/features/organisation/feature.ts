import { and, eq } from 'drizzle-orm'
import type { Feature } from '../../core/feature.ts'
import { organisationDemo } from './demo.ts'
import { departmentMemberships, staffRole } from './membership.ts'
import * as tables from './schema.ts'

/**
 * The city's organisation (部・課 with their duties, districts, fiscal years) and department
 * membership, which makes a user 担当課職員. Its pages are in the administration room
 * (/admin/departments …) and the public department guide (/departments).
 */
export const organisationFeature: Feature = {
  name: 'organisation',
  title: '組織（部・課・地区・年度）',
  tables,
  memberships: [departmentMemberships],
  roles: [staffRole],
  invitations: [
    {
      role: 'staff',
      label: '担当課職員',
      async grant(ctx, userId, p) {
        const departmentId = String(p.departmentId ?? '')
        if (!departmentId) return
        const [d] = await ctx.db
          .select({ id: tables.departments.id })
          .from(tables.departments)
          .where(
            and(eq(tables.departments.id, departmentId), eq(tables.departments.municipalityId, ctx.tenantId)),
          )
        if (!d) return
        await ctx.db
          .insert(tables.departmentMembers)
          .values({ municipalityId: ctx.tenantId, departmentId, userId })
          .onConflictDoNothing()
      },
    },
  ],
  demo: { order: 0, seed: organisationDemo },
}
