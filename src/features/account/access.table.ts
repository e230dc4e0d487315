import type { AccessCase, Fixtures } from '../../core/access.ts'

/** Account pages and the auth API. */
export function accountAccess(_fx: Fixtures): AccessCase[] {
  const signedIn = ['group', 'staff', 'coordinator', 'reviewer', 'admin'] as const
  return [
    { method: 'GET', pattern: '/login', path: '/login', allowed: 'all' },
    { method: 'POST', pattern: '/login', path: '/login', allowed: 'all' },
    { method: 'POST', pattern: '/logout', path: '/logout', allowed: 'all', fresh: true },
    { method: 'GET', pattern: '/signup', path: '/signup', allowed: 'all' },
    { method: 'POST', pattern: '/signup', path: '/signup', allowed: 'all' },
    { method: 'GET', pattern: '/verify', path: '/verify?token=x', allowed: 'all' },
    { method: 'GET', pattern: '/password/forgot', path: '/password/forgot', allowed: 'all' },
    { method: 'POST', pattern: '/password/forgot', path: '/password/forgot', allowed: 'all' },
    { method: 'GET', pattern: '/password/reset', path: '/password/reset?token=x', allowed: 'all' },
    { method: 'POST', pattern: '/password/reset', path: '/password/reset', allowed: 'all' },
    { method: 'GET', pattern: '/invitations/accept', path: '/invitations/accept?token=x', allowed: 'all' },
    { method: 'POST', pattern: '/invitations/accept', path: '/invitations/accept', allowed: 'all' },
    { method: 'GET', pattern: '/account', path: '/account', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/profile', path: '/account/profile', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/password', path: '/account/password', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/email', path: '/account/email', allowed: [...signedIn] },
    { method: 'POST', pattern: '/login/mfa', path: '/login/mfa', allowed: 'all' },
    { method: 'GET', pattern: '/account/mfa', path: '/account/mfa', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/mfa/setup', path: '/account/mfa/setup', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/mfa/confirm', path: '/account/mfa/confirm', allowed: [...signedIn] },
    { method: 'POST', pattern: '/account/mfa/disable', path: '/account/mfa/disable', allowed: [...signedIn] },
    { method: 'GET', pattern: '/account/tokens', path: '/account/tokens', allowed: ['coordinator', 'admin'] },
    {
      method: 'POST',
      pattern: '/account/tokens',
      path: '/account/tokens',
      allowed: ['coordinator', 'admin'],
    },
    {
      method: 'POST',
      pattern: '/account/tokens/:id/revoke',
      path: '/account/tokens/00000000-0000-4000-8000-000000000000/revoke',
      allowed: ['coordinator', 'admin'],
      note: 'may-404',
    },
    { method: 'POST', pattern: '/api/v1/auth/login', path: '/api/v1/auth/login', allowed: 'all', json: {} },
    {
      method: 'POST',
      pattern: '/api/v1/auth/logout',
      path: '/api/v1/auth/logout',
      allowed: 'all',
      json: {},
      fresh: true,
    },
    { method: 'GET', pattern: '/api/v1/me', path: '/api/v1/me', allowed: [...signedIn] },
    { method: 'GET', pattern: '/api/v1/tokens', path: '/api/v1/tokens', allowed: ['coordinator', 'admin'] },
    {
      method: 'POST',
      pattern: '/api/v1/tokens',
      path: '/api/v1/tokens',
      allowed: ['coordinator', 'admin'],
      json: {},
    },
    {
      method: 'DELETE',
      pattern: '/api/v1/tokens/:id',
      path: '/api/v1/tokens/00000000-0000-4000-8000-000000000000',
      allowed: ['coordinator', 'admin'],
      note: 'may-404',
    },
  ]
}
