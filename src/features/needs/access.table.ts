import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** Needs, offers, menu, matching, coordination board, hearings, projects, notifications. */
export function needsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const _signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
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
    g('/needs', '/needs', 'all'),
    g('/needs/new', '/needs/new', cityStaff),
    p('/needs', '/needs', cityStaff),
    g('/needs/mine', '/needs/mine', cityStaff),
    g('/needs/plans', '/needs/plans', ['coordinator', 'admin']),
    p('/needs/plans', '/needs/plans', ['coordinator', 'admin']),
    p('/needs/plans/:id/toggle', `/needs/plans/${X}/toggle`, ['coordinator', 'admin'], 'may-404'),
    g('/needs/:id', `/needs/${X}`, 'all', 'may-404'),
    g('/needs/:id/edit', `/needs/${X}/edit`, cityStaff, 'may-404'),
    p('/needs/:id/edit', `/needs/${X}/edit`, cityStaff, 'may-404'),
    p('/needs/:id/status', `/needs/${X}/status`, cityStaff, 'may-404'),
    p('/needs/:id/interest', `/needs/${X}/interest`, ['group'], 'may-404'),
    p('/needs/:id/invite', `/needs/${X}/invite`, cityStaff, 'may-404'),
    g('/coordination/hearings', '/coordination/hearings', cityStaff),
    p('/coordination/hearings', '/coordination/hearings', coord),
    g('/coordination/hearings/:id', `/coordination/hearings/${X}`, cityStaff, 'may-404'),
    p('/coordination/hearings/:id/answer', `/coordination/hearings/${X}/answer`, cityStaff, 'may-404'),
    p('/coordination/hearings/:id/remind', `/coordination/hearings/${X}/remind`, coord, 'may-404'),
    p('/coordination/hearings/:id/publish', `/coordination/hearings/${X}/publish`, coord, 'may-404'),
    g('/api/v1/needs', '/api/v1/needs', 'all'),
    { method: 'POST', pattern: '/api/v1/needs', path: '/api/v1/needs', allowed: cityStaff, json: {} },
    g('/api/v1/needs/:id', `/api/v1/needs/${X}`, 'all', 'may-404'),
    {
      method: 'POST',
      pattern: '/api/v1/needs/:id/interest',
      path: `/api/v1/needs/${X}/interest`,
      allowed: ['group'],
      json: {},
      note: 'may-404',
    },
  ]
}
