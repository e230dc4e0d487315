import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * News, the newsletter and 庁内通知. Subscribers' addresses (/newsletter/subscribers) are for the
 * coordinator and administrators only; news.test.ts proves it with a real subscriber, and that
 * drafts and unsent issues are refused to everyone else.
 */
export function newsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
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
    g('/news', '/news', 'all'),
    g('/news.atom', '/news.atom', 'all'),
    g('/news/new', '/news/new', coord),
    p('/news', '/news', coord),
    g('/news/:id', `/news/${X}`, 'all', 'may-404'),
    g('/news/:id/edit', `/news/${X}/edit`, coord, 'may-404'),
    p('/news/:id/edit', `/news/${X}/edit`, coord, 'may-404'),
    g('/newsletter', '/newsletter', 'all'),
    p('/newsletter/subscribe', '/newsletter/subscribe', 'all'),
    p('/newsletter/account', '/newsletter/account', signedIn),
    g('/newsletter/confirm/:id', `/newsletter/confirm/${X}?token=x`, 'all', 'may-404'),
    p('/newsletter/confirm/:id', `/newsletter/confirm/${X}`, 'all', 'may-404'),
    g('/newsletter/unsubscribe/:id', `/newsletter/unsubscribe/${X}?token=x`, 'all', 'may-404'),
    p('/newsletter/unsubscribe/:id', `/newsletter/unsubscribe/${X}`, 'all', 'may-404'),
    g('/newsletter/subscribers', '/newsletter/subscribers', coord),
    g('/newsletter/issues/new', '/newsletter/issues/new', coord),
    p('/newsletter/issues', '/newsletter/issues', coord),
    g('/newsletter/issues/:id/edit', `/newsletter/issues/${X}/edit`, coord, 'may-404'),
    p('/newsletter/issues/:id/edit', `/newsletter/issues/${X}/edit`, coord, 'may-404'),
    p('/newsletter/issues/:id/send', `/newsletter/issues/${X}/send`, coord, 'may-404'),
    g('/newsletter/:id', `/newsletter/${X}`, 'all', 'may-404'),
    g('/staff-notices', '/staff-notices', cityStaff),
    g('/staff-notices/new', '/staff-notices/new', coord),
    p('/staff-notices', '/staff-notices', coord),
    g('/staff-notices/:id', `/staff-notices/${X}`, cityStaff, 'may-404'),
    g('/api/v1/news', '/api/v1/news', 'all'),
    g('/api/v1/news/:id', `/api/v1/news/${X}`, 'all', 'may-404'),
  ]
}
