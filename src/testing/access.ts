import { and, eq, ne } from 'drizzle-orm'
import type { Db } from '../core/db/index.ts'
import { departments, groupMembers, groups, users } from '../core/db/schema.ts'

/**
 * The authorisation matrix: every route × every role, including someone else's objects.
 * Each feature exports a table (a function of the fixtures below) from `access.table.ts`;
 * src/access-matrix.test.ts runs them all and checks that every route of the app is listed.
 */

export type MatrixRole = 'visitor' | 'group' | 'staff' | 'coordinator' | 'reviewer' | 'admin'
export const MATRIX_ROLES: MatrixRole[] = ['visitor', 'group', 'staff', 'coordinator', 'reviewer', 'admin']
export const DEMO_EMAIL: Record<Exclude<MatrixRole, 'visitor'>, string> = {
  group: 'group@demo.example',
  staff: 'staff@demo.example',
  coordinator: 'coordinator@demo.example',
  reviewer: 'reviewer@demo.example',
  admin: 'admin@demo.example',
}

export interface AccessCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The route pattern as registered in Hono (e.g. '/groups/:id/edit'), for coverage. */
  pattern: string
  /** A concrete path to request (ids filled in from the fixtures). */
  path: string
  /** Roles that may use it; 'all' for everyone including visitors. */
  allowed: MatrixRole[] | 'all'
  /** Form or JSON body to send (default: empty form). */
  body?: Record<string, string>
  json?: unknown
  /** The request changes the session (logout): use a fresh login for it. */
  fresh?: boolean
  note?: string
}

/** Ids from the small demo city that the tables need. */
export interface Fixtures {
  db: Db
  municipalityId: string
  /** The group owned by group@demo.example */
  ownGroupId: string
  /** A published group group@demo.example does not belong to */
  otherGroupId: string
  /** staff@demo.example's department (高齢者支援課) */
  ownDepartmentId: string
  /** Another department */
  otherDepartmentId: string
  userIds: Record<Exclude<MatrixRole, 'visitor'>, string>
}

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
