import type { AccessCase, Fixtures } from '../../core/access.ts'

/**
 * The administration room. Writes that would change the demo people or departments other
 * tables rely on (disable, remove a membership, deactivate) use an id that does not exist
 * (may-404), so the matrix never locks a role out of the rest of its run.
 */
export function adminAccess(fx: Fixtures): AccessCase[] {
  const A = ['admin'] as const
  const AC = ['admin', 'coordinator'] as const
  const none = '00000000-0000-4000-8000-000000000000'
  const dep = fx.otherDepartmentId
  const user = fx.userIds.reviewer
  const cases: AccessCase[] = [
    { method: 'GET', pattern: '/admin', path: '/admin', allowed: [...AC] },
    { method: 'GET', pattern: '/admin/municipality', path: '/admin/municipality', allowed: [...A] },
    { method: 'POST', pattern: '/admin/municipality', path: '/admin/municipality', allowed: [...A] },
    { method: 'GET', pattern: '/admin/fields', path: '/admin/fields', allowed: [...A] },
    { method: 'POST', pattern: '/admin/fields', path: '/admin/fields', allowed: [...A] },
    { method: 'POST', pattern: '/admin/fields/reset', path: '/admin/fields/reset', allowed: [...A] },
    // departments
    { method: 'GET', pattern: '/admin/departments', path: '/admin/departments', allowed: [...A] },
    { method: 'GET', pattern: '/admin/departments/new', path: '/admin/departments/new', allowed: [...A] },
    { method: 'POST', pattern: '/admin/departments', path: '/admin/departments', allowed: [...A] },
    {
      method: 'GET',
      pattern: '/admin/departments/export',
      path: '/admin/departments/export',
      allowed: [...A],
    },
    {
      method: 'GET',
      pattern: '/admin/departments/:id/edit',
      path: `/admin/departments/${dep}/edit`,
      allowed: [...A],
    },
    { method: 'POST', pattern: '/admin/departments/:id', path: `/admin/departments/${dep}`, allowed: [...A] },
    {
      method: 'POST',
      pattern: '/admin/departments/:id/deactivate',
      path: `/admin/departments/${none}/deactivate`,
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/departments/:id/reactivate',
      path: `/admin/departments/${dep}/reactivate`,
      allowed: [...A],
    },
    { method: 'GET', pattern: '/departments', path: '/departments?q=高齢者', allowed: 'all' },
    { method: 'GET', pattern: '/departments/:id', path: `/departments/${dep}`, allowed: 'all' },
    // fiscal years
    { method: 'GET', pattern: '/admin/fiscal-years', path: '/admin/fiscal-years', allowed: [...A] },
    { method: 'POST', pattern: '/admin/fiscal-years', path: '/admin/fiscal-years', allowed: [...A] },
    {
      method: 'POST',
      pattern: '/admin/fiscal-years/:id/status',
      path: `/admin/fiscal-years/${none}/status`,
      body: { status: 'open' },
      allowed: [...A],
      note: 'may-404',
    },
    // areas
    { method: 'GET', pattern: '/admin/areas', path: '/admin/areas', allowed: [...A] },
    { method: 'GET', pattern: '/admin/areas/new', path: '/admin/areas/new', allowed: [...A] },
    { method: 'POST', pattern: '/admin/areas', path: '/admin/areas', allowed: [...A] },
    {
      method: 'GET',
      pattern: '/admin/areas/:id/edit',
      path: `/admin/areas/${none}/edit`,
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/areas/:id',
      path: `/admin/areas/${none}`,
      allowed: [...A],
      note: 'may-404',
    },
    // users
    { method: 'GET', pattern: '/admin/users', path: '/admin/users?q=demo&role=admin', allowed: [...A] },
    { method: 'GET', pattern: '/admin/users/:id', path: `/admin/users/${user}`, allowed: [...A] },
    {
      method: 'POST',
      pattern: '/admin/users/:id/roles',
      path: `/admin/users/${none}/roles`,
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/users/:id/departments',
      path: `/admin/users/${none}/departments`,
      body: { departmentId: dep },
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/users/:id/departments/:departmentId/remove',
      path: `/admin/users/${none}/departments/${dep}/remove`,
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/users/:id/disable',
      path: `/admin/users/${none}/disable`,
      allowed: [...A],
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/admin/users/:id/enable',
      path: `/admin/users/${user}/enable`,
      allowed: [...A],
    },
    // invitations, outbox, audit
    { method: 'GET', pattern: '/admin/invitations', path: '/admin/invitations', allowed: [...AC] },
    { method: 'POST', pattern: '/admin/invitations', path: '/admin/invitations', allowed: [...AC] },
    { method: 'GET', pattern: '/admin/outbox', path: '/admin/outbox', allowed: [...A] },
    {
      method: 'GET',
      pattern: '/admin/outbox/:id',
      path: `/admin/outbox/${none}`,
      allowed: [...A],
      note: 'may-404',
    },
    { method: 'GET', pattern: '/admin/audit', path: '/admin/audit?action=auth.', allowed: [...A] },
    {
      method: 'GET',
      pattern: '/admin/audit/export',
      path: '/admin/audit/export?action=auth.',
      allowed: [...A],
    },
    // JSON API
    { method: 'GET', pattern: '/api/v1/departments', path: '/api/v1/departments?q=ごみ', allowed: 'all' },
    { method: 'GET', pattern: '/api/v1/departments/:id', path: `/api/v1/departments/${dep}`, allowed: 'all' },
    {
      method: 'POST',
      pattern: '/api/v1/departments',
      path: '/api/v1/departments',
      allowed: [...A],
      json: {},
    },
    {
      method: 'PATCH',
      pattern: '/api/v1/departments/:id',
      path: `/api/v1/departments/${dep}`,
      allowed: [...A],
      json: {},
    },
    {
      method: 'POST',
      pattern: '/api/v1/departments/import',
      path: '/api/v1/departments/import?dryRun=true',
      allowed: [...A],
      json: {},
    },
    {
      method: 'POST',
      pattern: '/api/v1/areas/import',
      path: '/api/v1/areas/import?dryRun=true',
      allowed: [...A],
      json: {},
    },
    { method: 'GET', pattern: '/api/v1/areas', path: '/api/v1/areas', allowed: 'all' },
    { method: 'POST', pattern: '/api/v1/areas', path: '/api/v1/areas', allowed: [...A], json: {} },
    { method: 'GET', pattern: '/api/v1/fiscal-years', path: '/api/v1/fiscal-years', allowed: 'all' },
    { method: 'GET', pattern: '/api/v1/users', path: '/api/v1/users?role=admin', allowed: [...A] },
    {
      method: 'PATCH',
      pattern: '/api/v1/users/:id',
      path: `/api/v1/users/${user}`,
      allowed: [...A],
      json: {},
    },
    {
      method: 'POST',
      pattern: '/api/v1/invitations',
      path: '/api/v1/invitations',
      allowed: [...AC],
      json: {},
    },
    { method: 'GET', pattern: '/api/v1/audit', path: '/api/v1/audit?action=auth.', allowed: [...A] },
    { method: 'GET', pattern: '/api/v1/outbox', path: '/api/v1/outbox', allowed: [...A] },
  ]
  // The CSV import steps of departments and areas.
  for (const base of ['/admin/departments/import', '/admin/areas/import']) {
    cases.push(
      { method: 'GET', pattern: base, path: base, allowed: [...A] },
      { method: 'POST', pattern: base, path: base, allowed: [...A] },
      { method: 'POST', pattern: `${base}/check`, path: `${base}/check`, allowed: [...A] },
      { method: 'POST', pattern: `${base}/commit`, path: `${base}/commit`, allowed: [...A] },
    )
  }
  return cases
}
