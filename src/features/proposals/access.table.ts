import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * The proposal programme: the public reads calls and results; the coordinator runs them; department
 * staff propose themes; group members record 意見交換会 and write proposals; invited reviewers score.
 * With an id nobody has (X) everyone is refused or gets 404; proposals.test.ts proves on real
 * proposals that applicants never see scores, that a reviewer with a conflict is refused, and that
 * another group's proposal is refused.
 */
export function proposalsAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const g = (pattern: string, allowed: AccessCase['allowed'], note?: string): AccessCase => ({
    method: 'GET',
    pattern,
    path: pattern.replace(/:id/g, X),
    allowed,
    note,
  })
  const p = (pattern: string, allowed: AccessCase['allowed'], note?: string): AccessCase => ({
    method: 'POST',
    pattern,
    path: pattern.replace(/:id/g, X),
    allowed,
    note,
  })
  const m = 'may-404'
  return [
    g('/proposals', 'all'),
    g('/proposals/:id', 'all', m),
    g('/coordination/proposals', coord),
    g('/coordination/proposals/new', coord),
    p('/coordination/proposals', coord),
    g('/coordination/proposals/:id', coord, m),
    p('/coordination/proposals/:id/stage', coord, m),
    p('/coordination/proposals/:id/schedule', coord, m),
    p('/coordination/proposals/:id/reviewers', coord, m),
    p('/coordination/proposals/:id/presentation', coord, m),
    p('/coordination/proposals/:id/results', coord, m),
    g('/my/proposal-themes', ['staff', 'coordinator', 'admin']),
    p('/proposals/:id/themes', ['staff', 'coordinator', 'admin'], m),
    p('/coordination/proposal-themes/:id', coord, m),
    g('/my/proposals', ['group']),
    g('/proposals/:id/consultation', ['group'], m),
    p('/proposals/:id/consultation', ['group'], m),
    g('/proposals/:id/apply', ['group'], m),
    p('/proposals/:id/apply', ['group'], m),
    g('/proposal-applications/:id', ['group', 'coordinator', 'admin', 'reviewer'], m),
    p('/proposal-applications/:id', ['group'], m),
    g('/proposal-applications/:id/pdf', ['group', 'coordinator', 'admin'], m),
    g('/proposal-applications/:id/letter.pdf', ['group', 'coordinator', 'admin'], m),
    p('/coordination/proposal-applications/:id/eligibility', coord, m),
    p('/coordination/proposal-applications/:id/slot', coord, m),
    p('/coordination/proposal-applications/:id/decision', coord, m),
    p('/coordination/proposal-applications/:id/project', coord, m),
    g('/proposal-panels/:id', [...coord, 'reviewer'], m),
    p('/proposal-panels/:id/close', coord, m),
    g('/coordination/proposal-funnel', coord),
    g('/review', ['reviewer']),
    g('/review/:id', ['reviewer'], m),
    p('/review/:id', ['reviewer'], m),
    p('/review/:id/conflict', ['reviewer'], m),
    { method: 'GET', pattern: '/api/v1/programmes', path: '/api/v1/programmes', allowed: 'all' },
    { method: 'POST', pattern: '/api/v1/programmes', path: '/api/v1/programmes', allowed: coord, json: {} },
    {
      method: 'POST',
      pattern: '/api/v1/programmes/:id/applications',
      path: `/api/v1/programmes/${X}/applications`,
      allowed: ['group'],
      json: {},
      note: m,
    },
    {
      method: 'POST',
      pattern: '/api/v1/applications/:id/scores',
      path: `/api/v1/applications/${X}/scores`,
      allowed: ['reviewer'],
      json: {},
      note: m,
    },
    {
      method: 'GET',
      pattern: '/api/v1/stats/proposal-funnel',
      path: '/api/v1/stats/proposal-funnel',
      allowed: coord,
    },
  ]
}
