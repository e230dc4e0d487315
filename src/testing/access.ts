import { and, eq, ne } from 'drizzle-orm'
import type { Db } from '../core/db/index.ts'
import { users } from '../core/db/schema.ts'
import { groupMembers, groups } from '../features/groups/schema.ts'
import { departments } from '../features/organisation/schema.ts'

import type { Fixtures, MatrixRole } from '../core/access.ts'

export type { AccessCase, Fixtures, MatrixRole } from '../core/access.ts'
export { MATRIX_ROLES } from '../core/access.ts'

export const DEMO_EMAIL: Record<Exclude<MatrixRole, 'visitor'>, string> = {
  group: 'group@demo.example',
  staff: 'staff@demo.example',
  coordinator: 'coordinator@demo.example',
  reviewer: 'reviewer@demo.example',
  admin: 'admin@demo.example',
}

/** Ids from the test city that the access tables need. */
export async function loadFixtures(db: Db, municipalityId: string): Promise<Fixtures> {
  const us = await db.select().from(users).where(eq(users.municipalityId, municipalityId))
  const byEmail = (e: string) => us.find((u) => u.email === e)!.id
  const userIds = Object.fromEntries(
    Object.entries(DEMO_EMAIL).map(([r, e]) => [r, byEmail(e)]),
  ) as Fixtures['userIds']
  const [own] = await db.select().from(groupMembers).where(eq(groupMembers.userId, userIds.group))
  const [other] = await db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.municipalityId, municipalityId),
        ne(groups.id, own.groupId),
        eq(groups.status, 'published'),
      ),
    )
    .limit(1)
  const deps = await db.select().from(departments).where(eq(departments.municipalityId, municipalityId))
  return {
    db,
    municipalityId,
    ownGroupId: own.groupId,
    otherGroupId: other?.id ?? '00000000-0000-4000-8000-000000000000',
    ownDepartmentId: deps.find((d) => d.name === '高齢者支援課')!.id,
    otherDepartmentId: deps.find((d) => d.name === '道路課')!.id,
    userIds,
  }
}
