import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * Adjustment meetings. A meeting is seen only by its participants, its organiser, the coordinator
 * and administrators, and staff of a participating department; outside people reach only their own
 * marking page and the summary, by the token of their link. The unknown id here answers 404 to
 * everyone; meetings.test.ts proves the refusals on a real meeting (non-participants, wrong tokens).
 */
export function meetingsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
  const cityStaff: MatrixRole[] = ['staff', 'coordinator', 'admin']
  const c = (
    method: AccessCase['method'],
    pattern: string,
    path: string,
    allowed: AccessCase['allowed'],
    note?: string,
  ): AccessCase => ({ method, pattern, path, allowed, note })
  return [
    c('GET', '/meetings', '/meetings', signedIn),
    c('GET', '/meetings/actions', '/meetings/actions', signedIn),
    c('GET', '/meetings/new', '/meetings/new', cityStaff),
    c('POST', '/meetings', '/meetings', cityStaff),
    c('GET', '/meetings/:file{[0-9a-fA-F-]+\\.ics}', `/meetings/${X}.ics`, signedIn, 'may-404'),
    c('GET', '/meetings/:id', `/meetings/${X}`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/availability', `/meetings/${X}/availability`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/fix', `/meetings/${X}/fix`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/candidates', `/meetings/${X}/candidates`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/cancel', `/meetings/${X}/cancel`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/participants', `/meetings/${X}/participants`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/minutes', `/meetings/${X}/minutes`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/actions', `/meetings/${X}/actions`, signedIn, 'may-404'),
    c('POST', '/meetings/:id/actions/:actionId', `/meetings/${X}/actions/${X}`, signedIn, 'may-404'),
    c('GET', '/meetings/:id/reply', `/meetings/${X}/reply?token=x`, 'all', 'may-404'),
    c('POST', '/meetings/:id/reply', `/meetings/${X}/reply`, 'all', 'may-404'),
    c('POST', '/api/v1/meetings', '/api/v1/meetings', cityStaff),
    c('GET', '/api/v1/meetings/:id', `/api/v1/meetings/${X}`, signedIn, 'may-404'),
    c('POST', '/api/v1/meetings/:id/availability', `/api/v1/meetings/${X}/availability`, 'all', 'may-404'),
    c('PUT', '/api/v1/meetings/:id/minutes', `/api/v1/meetings/${X}/minutes`, signedIn, 'may-404'),
    c('POST', '/api/v1/meetings/:id/actions', `/api/v1/meetings/${X}/actions`, signedIn, 'may-404'),
  ]
}
