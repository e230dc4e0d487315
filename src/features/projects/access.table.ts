import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * Collaboration projects. The list and a project's page are public (internal records 404 for
 * those not on them); writes belong to the project's departments and the coordinator, reports,
 * evaluations and follow-ups to both sides. projects.test.ts proves the per-object rules with
 * real projects (another group, another department, an internal record).
 */
export function projectsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const onProject: MatrixRole[] = ['group', 'staff', 'coordinator', 'admin']
  const sides: MatrixRole[] = ['group', 'staff']
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
    g('/projects', '/projects', 'all'),
    g('/projects/new', '/projects/new', cityStaff),
    p('/projects', '/projects', cityStaff),
    g('/projects/import', '/projects/import', coord),
    p('/projects/import', '/projects/import', coord),
    p('/projects/import/confirm', '/projects/import/confirm', coord),
    g('/projects/continuation', '/projects/continuation', cityStaff),
    g('/projects/:id', `/projects/${X}`, 'all', 'may-404'),
    g('/projects/:id/edit', `/projects/${X}/edit`, cityStaff, 'may-404'),
    p('/projects/:id/edit', `/projects/${X}/edit`, cityStaff, 'may-404'),
    p('/projects/:id/partners', `/projects/${X}/partners`, cityStaff, 'may-404'),
    p('/projects/:id/partners/:pid/delete', `/projects/${X}/partners/${X}/delete`, cityStaff, 'may-404'),
    p('/projects/:id/budgets', `/projects/${X}/budgets`, cityStaff, 'may-404'),
    p('/projects/:id/budgets/:bid/delete', `/projects/${X}/budgets/${X}/delete`, cityStaff, 'may-404'),
    p('/projects/:id/roles', `/projects/${X}/roles`, cityStaff, 'may-404'),
    p('/projects/:id/roles/:rid/delete', `/projects/${X}/roles/${X}/delete`, cityStaff, 'may-404'),
    p('/projects/:id/status', `/projects/${X}/status`, cityStaff, 'may-404'),
    p('/projects/:id/agreements', `/projects/${X}/agreements`, coord, 'may-404'),
    g('/projects/:id/agreement.pdf', `/projects/${X}/agreement.pdf`, onProject, 'may-404'),
    p('/projects/:id/reports', `/projects/${X}/reports`, onProject, 'may-404'),
    g('/projects/:id/reports/:rid/files/:n', `/projects/${X}/reports/${X}/files/0`, 'all', 'may-404'),
    p('/projects/:id/evaluations', `/projects/${X}/evaluations`, sides, 'may-404'),
    p('/projects/:id/checklists/:stage', `/projects/${X}/checklists/plan`, sides, 'may-404'),
    p('/projects/:id/comments', `/projects/${X}/comments`, coord, 'may-404'),
    p('/projects/:id/followups/:fid', `/projects/${X}/followups/${X}`, onProject, 'may-404'),
    g('/cases', '/cases', 'all'),
    p('/projects/:id/case', `/projects/${X}/case`, coord, 'may-404'),
    g('/api/v1/cases', '/api/v1/cases', 'all'),
    g('/api/v1/projects', '/api/v1/projects', 'all'),
    { ...p('/api/v1/projects', '/api/v1/projects', cityStaff), json: {} },
    g('/api/v1/projects/:id', `/api/v1/projects/${X}`, 'all', 'may-404'),
    g('/api/v1/stats/continuation', '/api/v1/stats/continuation', cityStaff),
  ]
}
