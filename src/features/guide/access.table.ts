import type { AccessCase, Fixtures } from '../../core/access.ts'

/** The guide is public: every role, visitors included, may read every page. */
export function guideAccess(_fx: Fixtures): AccessCase[] {
  return ['/guide', '/guide/principles', '/guide/forms', '/guide/process', '/guide/checklists'].map((p) => ({
    method: 'GET' as const,
    pattern: p,
    path: p,
    allowed: 'all' as const,
  }))
}
