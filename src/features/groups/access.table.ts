import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/** Every route of the group registry × every role, including another group's objects. */
export function groupsAccess(fx: Fixtures): AccessCase[] {
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const staff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const own = fx.ownGroupId
  const other = fx.otherGroupId
  const ownEditors: MatrixRole[] = ['group', 'coordinator', 'admin']
  const ownOwners: MatrixRole[] = ['group', 'admin']
  const noDoc = '00000000-0000-4000-8000-000000000001'
  const noGroup = '00000000-0000-4000-8000-000000000002'
  const cases: AccessCase[] = [
    { method: 'GET', pattern: '/groups', path: '/groups?q=みまもり&field=health_welfare', allowed: 'all' },
    { method: 'GET', pattern: '/groups/new', path: '/groups/new', allowed: signedIn },
    {
      method: 'POST',
      pattern: '/groups/new',
      path: '/groups/new',
      allowed: signedIn,
      note: '422 with an empty form',
    },
    { method: 'GET', pattern: '/my/groups', path: '/my/groups', allowed: signedIn },
    { method: 'GET', pattern: '/coordinator/groups', path: '/coordinator/groups', allowed: coord },
    {
      method: 'POST',
      pattern: '/coordinator/groups/:id/review',
      path: `/coordinator/groups/${other}/review`,
      allowed: coord,
      note: '422 without an action',
    },
    {
      method: 'POST',
      pattern: '/coordinator/groups/:id/delete',
      path: `/coordinator/groups/${noGroup}/delete`,
      allowed: coord,
      note: 'may-404',
    },
    { method: 'GET', pattern: '/groups/conditions', path: '/groups/conditions', allowed: ['admin'] },
    {
      method: 'POST',
      pattern: '/groups/conditions',
      path: '/groups/conditions',
      allowed: ['admin'],
      note: '422 with an empty form',
    },
    { method: 'GET', pattern: '/groups/import', path: '/groups/import', allowed: coord },
    { method: 'POST', pattern: '/groups/import', path: '/groups/import', allowed: coord },
    {
      method: 'GET',
      pattern: '/groups/import/jobs/:id',
      path: `/groups/import/jobs/${noGroup}`,
      allowed: coord,
      note: 'may-404',
    },
    { method: 'GET', pattern: '/groups/export.csv', path: '/groups/export.csv', allowed: staff },
    { method: 'GET', pattern: '/groups/export.xlsx', path: '/groups/export.xlsx', allowed: staff },
    { method: 'GET', pattern: '/groups/stats', path: '/groups/stats', allowed: 'all' },
    { method: 'GET', pattern: '/opendata/groups.csv', path: '/opendata/groups.csv', allowed: 'all' },
    { method: 'GET', pattern: '/opendata/groups.json', path: '/opendata/groups.json', allowed: 'all' },
    { method: 'GET', pattern: '/opendata/groups', path: '/opendata/groups', allowed: 'all' },
    { method: 'GET', pattern: '/groups/:id', path: `/groups/${other}`, allowed: 'all' },
    {
      method: 'GET',
      pattern: '/groups/:id/logo',
      path: `/groups/${other}/logo`,
      allowed: 'all',
      note: 'may-404',
    },
    {
      method: 'GET',
      pattern: '/groups/:id/documents/:docId',
      path: `/groups/${other}/documents/${noDoc}`,
      allowed: 'all',
      note: 'may-404',
    },
    { method: 'GET', pattern: '/groups/:id/history', path: `/groups/${other}/history`, allowed: coord },
    // members, editors and owners: their own group, and another group's objects refused
    ...(
      [
        ['GET', '/groups/:id/edit', ''],
        ['POST', '/groups/:id/edit', ''],
        ['POST', '/groups/:id/logo', ''],
        ['POST', '/groups/:id/documents', ''],
        ['POST', '/groups/:id/submit', ''],
      ] as const
    ).flatMap(([method, pattern]) => [
      { method, pattern, path: pattern.replace(':id', own), allowed: ownEditors },
      { method, pattern, path: pattern.replace(':id', other), allowed: coord },
    ]),
    {
      method: 'POST',
      pattern: '/groups/:id/documents/:docId/delete',
      path: `/groups/${own}/documents/${noDoc}/delete`,
      allowed: ownEditors,
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/groups/:id/documents/:docId/delete',
      path: `/groups/${other}/documents/${noDoc}/delete`,
      allowed: coord,
      note: 'may-404',
    },
    { method: 'GET', pattern: '/groups/:id/members', path: `/groups/${own}/members`, allowed: ownOwners },
    { method: 'GET', pattern: '/groups/:id/members', path: `/groups/${other}/members`, allowed: ['admin'] },
    ...(['invite', 'transfer', 'remove'] as const).flatMap((a) => [
      {
        method: 'POST' as const,
        pattern: `/groups/:id/members/${a}`,
        path: `/groups/${own}/members/${a}`,
        allowed: ownOwners,
      },
      {
        method: 'POST' as const,
        pattern: `/groups/:id/members/${a}`,
        path: `/groups/${other}/members/${a}`,
        allowed: ['admin'] as MatrixRole[],
      },
    ]),
    { method: 'POST', pattern: '/groups/:id/renew', path: `/groups/${own}/renew`, allowed: ownEditors },
    { method: 'POST', pattern: '/groups/:id/renew', path: `/groups/${other}/renew`, allowed: coord },
    {
      method: 'POST',
      pattern: '/groups/:id/delete-request',
      path: `/groups/${own}/delete-request`,
      allowed: ownOwners,
    },
    {
      method: 'POST',
      pattern: '/groups/:id/delete-request',
      path: `/groups/${other}/delete-request`,
      allowed: ['admin'],
    },
    // JSON API
    {
      method: 'GET',
      pattern: '/api/v1/groups',
      path: '/api/v1/groups?q=NPO&field=health_welfare',
      allowed: 'all',
    },
    { method: 'GET', pattern: '/api/v1/groups/:id', path: `/api/v1/groups/${other}`, allowed: 'all' },
    { method: 'POST', pattern: '/api/v1/groups', path: '/api/v1/groups', allowed: signedIn, json: {} },
    {
      method: 'PATCH',
      pattern: '/api/v1/groups/:id',
      path: `/api/v1/groups/${own}`,
      allowed: ownEditors,
      json: {},
    },
    {
      method: 'PATCH',
      pattern: '/api/v1/groups/:id',
      path: `/api/v1/groups/${other}`,
      allowed: coord,
      json: {},
    },
    {
      method: 'POST',
      pattern: '/api/v1/groups/import',
      path: '/api/v1/groups/import?dryRun=true',
      allowed: coord,
      json: {},
    },
    {
      method: 'GET',
      pattern: '/api/v1/groups/import/jobs/:id',
      path: `/api/v1/groups/import/jobs/${noGroup}`,
      allowed: coord,
      note: 'may-404',
    },
    { method: 'GET', pattern: '/api/v1/fields', path: '/api/v1/fields', allowed: 'all' },
    {
      method: 'POST',
      pattern: '/api/v1/groups/:id/approve',
      path: `/api/v1/groups/${noGroup}/approve`,
      allowed: coord,
      json: {},
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/api/v1/groups/:id/return',
      path: `/api/v1/groups/${noGroup}/return`,
      allowed: coord,
      json: { comment: '書類が足りません' },
      note: 'may-404',
    },
    {
      method: 'POST',
      pattern: '/coordinator/groups/review',
      path: '/coordinator/groups/review',
      allowed: coord,
      note: '422 without an action',
    },
    // last: the renewal job changes statuses
    {
      method: 'POST',
      pattern: '/coordinator/groups/renewal',
      path: '/coordinator/groups/renewal',
      allowed: coord,
    },
  ]
  return cases
}
