import type { Db } from './db/index.ts'

/**
 * Types of the authorisation matrix: every route × every role, including someone else's objects.
 * Each feature's manifest gives a table (a function of the fixtures below) from its
 * `access.table.ts`; src/access-matrix.test.ts runs them all and checks that every route of the
 * app is listed. The fixtures themselves are loaded by src/testing/access.ts.
 */

export type MatrixRole = 'visitor' | 'group' | 'staff' | 'coordinator' | 'reviewer' | 'admin'
export const MATRIX_ROLES: MatrixRole[] = ['visitor', 'group', 'staff', 'coordinator', 'reviewer', 'admin']

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

/** Ids from the test city that the tables need. */
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
