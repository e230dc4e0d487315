import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** Needs, offers, menu, matching, coordination board, hearings, projects, notifications. */
export function matchingAccess(fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const _groupSide: MatrixRole[] = ['group', 'coordinator', 'admin']
  const coord: MatrixRole[] = ['coordinator', 'admin']
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
    g('/needs/:id/matches', `/needs/${X}/matches`, cityStaff, 'may-404'),
    p('/needs/:id/pairings', `/needs/${X}/pairings`, cityStaff, 'may-404'),
    g('/coordination/board', '/coordination/board', coord),
    g('/coordination/pairings/:id', `/coordination/pairings/${X}`, signedIn, 'may-404'),
    p('/coordination/pairings/:id/stage', `/coordination/pairings/${X}/stage`, signedIn, 'may-404'),
    p('/coordination/pairings/:id/meetings', `/coordination/pairings/${X}/meetings`, signedIn, 'may-404'),
    p('/coordination/pairings/:id/project', `/coordination/pairings/${X}/project`, signedIn, 'may-404'),
    g('/api/v1/needs/:id/matches', `/api/v1/needs/${X}/matches`, cityStaff, 'may-404'),
    g('/api/v1/groups/:id/matches', `/api/v1/groups/${fx.ownGroupId}/matches`, ['group', ...cityStaff]),
  ]
}
