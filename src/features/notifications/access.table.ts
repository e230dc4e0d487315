import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** Needs, offers, menu, matching, coordination board, hearings, projects, notifications. */
export function notificationsAccess(_fx: Fixtures): AccessCase[] {
  const _X = '00000000-0000-4000-8000-000000000000'
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const _cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const _groupSide: MatrixRole[] = ['group', 'coordinator', 'admin']
  const _coord: MatrixRole[] = ['coordinator', 'admin']
  const g = (pattern: string, path: string, allowed: AccessCase['allowed'], note?: string): AccessCase => ({
    method: 'GET',
    pattern,
    path,
    allowed,
    note,
  })
  const p = (pattern: string, path: string, allowed: AccessCase['allowed'], note?: string): AccessCase => ({
    method: 'POST',
    pattern,
    path,
    allowed,
    note,
  })
  return [
    g('/notifications', '/notifications', signedIn),
    g('/notifications/settings', '/notifications/settings', signedIn),
    p('/notifications/follow', '/notifications/follow', signedIn),
    p('/notifications/read', '/notifications/read', signedIn),
  ]
}
