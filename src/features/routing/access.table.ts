import type { AccessCase, Fixtures } from '../../core/access.ts'

/** Routing is open to everyone (residents ask before they have an account). */
export function routingAccess(_fx: Fixtures): AccessCase[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/departments/suggest',
      path: '/api/v1/departments/suggest?q=%E8%A6%8B%E5%AE%88%E3%82%8A',
      allowed: 'all',
    },
  ]
}
