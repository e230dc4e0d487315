import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** 引継ぎ: city staff (their own work), the coordinator and administrators (anyone's). */
export function handoversAccess(fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
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
    g('/handovers', '/handovers', cityStaff),
    // another person's work: only the coordinator and administrators
    g('/handovers/new', `/handovers/new?from=${fx.userIds.staff}`, ['staff', 'coordinator', 'admin']),
    g('/handovers/new', `/handovers/new?from=${fx.userIds.coordinator}`, coord),
    g('/handovers/new', '/handovers/new?from=unheld', coord),
    p('/handovers', '/handovers', cityStaff, 'an empty form answers 422'),
    g('/handovers/holdings', '/handovers/holdings', cityStaff),
    g('/handovers/:id', `/handovers/${X}`, cityStaff, 'may-404'),
    p('/handovers/:id/acknowledge', `/handovers/${X}/acknowledge`, cityStaff, 'may-404'),
    { method: 'POST', pattern: '/api/v1/handovers', path: '/api/v1/handovers', allowed: cityStaff, json: {} },
    g('/api/v1/handovers/:id', `/api/v1/handovers/${X}`, cityStaff, 'may-404'),
    {
      method: 'POST',
      pattern: '/api/v1/handovers/:id/acknowledge',
      path: `/api/v1/handovers/${X}/acknowledge`,
      allowed: cityStaff,
      json: {},
      note: 'may-404',
    },
  ]
}
