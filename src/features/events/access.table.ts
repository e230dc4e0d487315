import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * Events: pages, feeds, open data and the JSON API. Registrants' data (roster, registrations API)
 * is for the organisers and the coordinator; with another event's id everyone else is refused —
 * events.test.ts proves it on a real event with a resident, a group and a department that do not
 * organise it.
 */
export function eventsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const signedIn: MatrixRole[] = ['group', 'staff', 'coordinator', 'reviewer', 'admin']
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
    g('/events', '/events', 'all'),
    g('/events.ics', '/events.ics', 'all'),
    g('/events/new', '/events/new', coord),
    p('/events', '/events', coord),
    g('/events/:file{[0-9a-fA-F-]+\\.ics}', `/events/${X}.ics`, 'all', 'may-404'),
    g('/events/:id', `/events/${X}`, 'all', 'may-404'),
    g('/events/:id/edit', `/events/${X}/edit`, coord, 'may-404'),
    p('/events/:id/edit', `/events/${X}/edit`, coord, 'may-404'),
    p('/events/:id/register', `/events/${X}/register`, 'all', 'may-404'),
    g('/registrations/:id/cancel', `/registrations/${X}/cancel?token=x`, 'all', 'may-404'),
    p('/registrations/:id/cancel', `/registrations/${X}/cancel`, 'all', 'may-404'),
    g('/events/:id/roster', `/events/${X}/roster`, coord, 'may-404'),
    g('/events/:id/roster.pdf', `/events/${X}/roster.pdf`, coord, 'may-404'),
    p('/events/:id/attendance', `/events/${X}/attendance`, coord, 'may-404'),
    p('/events/:id/record', `/events/${X}/record`, coord, 'may-404'),
    // calls for presenters, the programme, materials, the questionnaire and its pairings
    // (events-programme.test.ts drives them with a real event: another group's application, answers)
    g('/events/:id/call', `/events/${X}/call`, coord, 'may-404'),
    p('/events/:id/call', `/events/${X}/call`, coord, 'may-404'),
    p('/events/:id/programme', `/events/${X}/programme`, coord, 'may-404'),
    p('/events/:id/programme/publish', `/events/${X}/programme/publish`, coord, 'may-404'),
    g('/coordination/event-calls', '/coordination/event-calls', coord),
    g('/events/:id/apply', `/events/${X}/apply`, signedIn, 'may-404'),
    p('/events/:id/apply', `/events/${X}/apply`, ['group', 'staff'], 'may-404'),
    g(
      '/events/:id/applications/:appId',
      `/events/${X}/applications/${X}`,
      ['group', 'staff', ...coord],
      'may-404',
    ),
    p(
      '/events/:id/applications/:appId/decision',
      `/events/${X}/applications/${X}/decision`,
      coord,
      'may-404',
    ),
    p('/events/:id/applications/:appId/hearing', `/events/${X}/applications/${X}/hearing`, coord, 'may-404'),
    p('/events/:id/materials', `/events/${X}/materials`, ['group', 'staff', ...coord], 'may-404'),
    g('/events/:id/materials/:mid', `/events/${X}/materials/${X}`, 'all', 'may-404'),
    p(
      '/events/:id/materials/:mid/delete',
      `/events/${X}/materials/${X}/delete`,
      ['group', 'staff', ...coord],
      'may-404',
    ),
    g('/events/:id/outcomes', `/events/${X}/outcomes`, ['staff', ...coord], 'may-404'),
    p('/events/:id/survey/send', `/events/${X}/survey/send`, ['staff', ...coord], 'may-404'),
    p('/events/:id/pairings', `/events/${X}/pairings`, coord, 'may-404'),
    g('/events/:id/survey', `/events/${X}/survey?r=${X}&token=x`, 'all', 'may-404'),
    p('/events/:id/survey', `/events/${X}/survey`, 'all', 'may-404'),
    g('/opendata/events', '/opendata/events', 'all'),
    g('/opendata/events.csv', '/opendata/events.csv', 'all'),
    g('/opendata/events.json', '/opendata/events.json', 'all'),
    g('/api/v1/events', '/api/v1/events', 'all'),
    { method: 'POST', pattern: '/api/v1/events', path: '/api/v1/events', allowed: coord, json: {} },
    {
      method: 'POST',
      pattern: '/api/v1/events/:id/registrations',
      path: `/api/v1/events/${X}/registrations`,
      allowed: 'all',
      json: {},
      note: 'may-404',
    },
    {
      method: 'DELETE',
      pattern: '/api/v1/registrations/:id',
      path: `/api/v1/registrations/${X}?token=x`,
      allowed: 'all',
      note: 'may-404',
    },
    g('/api/v1/events/:id/registrations', `/api/v1/events/${X}/registrations`, coord, 'may-404'),
  ]
}
