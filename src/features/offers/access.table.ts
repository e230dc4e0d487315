import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** Needs, offers, menu, matching, coordination board, hearings, projects, notifications. */
export function offersAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const _signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const _cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const groupSide: MatrixRole[] = ['group', 'coordinator', 'admin']
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
    g('/offers', '/offers', 'all'),
    g('/offers/new', '/offers/new', groupSide),
    p('/offers', '/offers', groupSide),
    g('/offers/:id', `/offers/${X}`, 'all', 'may-404'),
    g('/menu', '/menu', 'all'),
    p('/menu', '/menu', coord),
    p('/menu/:id/remove', `/menu/${X}/remove`, coord, 'may-404'),
    { method: 'POST', pattern: '/api/v1/offers', path: '/api/v1/offers', allowed: groupSide, json: {} },
  ]
}
