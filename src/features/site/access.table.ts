import type { AccessCase, Fixtures } from '../../core/access.ts'

/** The site's public pages and the API description: everyone. */
export function siteAccess(_fx: Fixtures): AccessCase[] {
  return [
    { method: 'GET', pattern: '/', path: '/', allowed: 'all' },
    { method: 'GET', pattern: '/accessibility', path: '/accessibility', allowed: 'all' },
    { method: 'GET', pattern: '/privacy', path: '/privacy', allowed: 'all' },
    { method: 'GET', pattern: '/about', path: '/about', allowed: 'all' },
    { method: 'GET', pattern: '/api/openapi.json', path: '/api/openapi.json', allowed: 'all' },
    { method: 'GET', pattern: '/api/docs', path: '/api/docs', allowed: 'all' },
  ]
}
