import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * Consultations: anyone asks; the coordinator triages; department staff see those assigned to their
 * department. With an id nobody may see (X) the city side gets 404 and everyone else is refused;
 * consultations.test.ts proves on a real consultation that another department, a group member and
 * a visitor are refused, and that a wrong token of the status link answers 404.
 */
export function consultationsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const city: MatrixRole[] = ['staff', 'coordinator', 'admin']
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
    g('/consultations', '/consultations', 'all'),
    p('/consultations/next', '/consultations/next', 'all'),
    p('/consultations', '/consultations', 'all'),
    g('/consultations/status/:id', `/consultations/status/${X}?token=x`, 'all', 'may-404'),
    g('/coordination/consultations', '/coordination/consultations', coord),
    g('/coordination/consultations/stats', '/coordination/consultations/stats', coord),
    g('/coordination/consultation-templates', '/coordination/consultation-templates', coord),
    p('/coordination/consultation-templates', '/coordination/consultation-templates', coord),
    p(
      '/coordination/consultation-templates/:id/edit',
      `/coordination/consultation-templates/${X}/edit`,
      coord,
      'may-404',
    ),
    p(
      '/coordination/consultation-templates/:id/delete',
      `/coordination/consultation-templates/${X}/delete`,
      coord,
      'may-404',
    ),
    g('/my/consultations', '/my/consultations', ['staff', 'coordinator']),
    g('/consultations/:id', `/consultations/${X}`, city, 'may-404'),
    p('/consultations/:id/assign', `/consultations/${X}/assign`, city, 'may-404'),
    p('/consultations/:id/reply', `/consultations/${X}/reply`, city, 'may-404'),
    p('/consultations/:id/note', `/consultations/${X}/note`, city, 'may-404'),
    p('/consultations/:id/status', `/consultations/${X}/status`, city, 'may-404'),
    p('/consultations/:id/need', `/consultations/${X}/need`, city, 'may-404'),
    p('/consultations/:id/pairing', `/consultations/${X}/pairing`, city, 'may-404'),
    p('/consultations/:id/erase', `/consultations/${X}/erase`, city, 'may-404'),
    {
      method: 'POST',
      pattern: '/api/v1/consultations',
      path: '/api/v1/consultations',
      allowed: 'all',
      json: {},
    },
    g('/api/v1/consultations/:id', `/api/v1/consultations/${X}?token=x`, 'all', 'may-404'),
    {
      method: 'POST',
      pattern: '/api/v1/consultations/:id/assignments',
      path: `/api/v1/consultations/${X}/assignments`,
      allowed: coord,
      json: {},
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/api/v1/consultations/:id/replies',
      path: `/api/v1/consultations/${X}/replies`,
      allowed: city,
      json: {},
      note: 'may-404',
    },
  ]
}
