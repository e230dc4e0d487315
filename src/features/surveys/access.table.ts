import type { AccessCase, Fixtures, MatrixRole } from '../../core/access.ts'

/**
 * The yearly survey: the coordinator runs it; department staff answer for their department; a
 * report is public once published. With an id nobody has (X) everyone is refused or gets 404;
 * surveys.test.ts proves on real records that staff of another department are refused, that an
 * unpublished report is not found for the public, and that answers after closing are refused.
 */
export function surveysAccess(_fx: Fixtures): AccessCase[] {
  const X = '00000000-0000-4000-8000-000000000000'
  const coord: MatrixRole[] = ['coordinator', 'admin']
  const at =
    (method: 'GET' | 'POST') =>
    (pattern: string, allowed: AccessCase['allowed'], note?: string): AccessCase => ({
      method,
      pattern,
      path: pattern.replace(/:id/g, X),
      allowed,
      note,
    })
  const g = at('GET')
  const p = at('POST')
  const m = 'may-404'
  return [
    g('/surveys', 'all'),
    g('/surveys/:id/report', 'all', m),
    g('/surveys/:id/report.csv', 'all', m),
    g('/surveys/:id/report.xlsx', 'all', m),
    g('/surveys/:id/report.pdf', 'all', m),
    { ...g('/surveys/:id/figures/:key{.+\\.csv}', 'all', m), path: `/surveys/${X}/figures/reason.csv` },
    g('/api/v1/surveys', 'all'),
    g('/api/v1/surveys/:id/report', 'all', m),
    g('/api/v1/surveys/:id/report.pdf', 'all', m),
    g('/coordination/surveys/:id/compare', coord, m),
    g('/coordination/surveys', coord),
    g('/coordination/surveys/new', coord),
    p('/coordination/surveys', coord),
    g('/coordination/surveys/:id', coord, m),
    p('/coordination/surveys/:id/open', coord, m),
    p('/coordination/surveys/:id/remind', coord, m),
    p('/coordination/surveys/:id/close', coord, m),
    p('/coordination/surveys/:id/publish', coord, m),
    g('/coordination/surveys/:id/questionnaire', coord, m),
    p('/coordination/surveys/:id/questionnaire/question', coord, m),
    p('/coordination/surveys/:id/questionnaire/move', coord, m),
    p('/coordination/surveys/:id/questionnaire/remove', coord, m),
    p('/coordination/surveys/:id/questionnaire/section', coord, m),
    p('/coordination/surveys/:id/summary', coord, m),
    p('/coordination/surveys/:id/opinions', coord, m),
    g('/my/surveys', ['staff', 'coordinator']),
    g('/my/surveys/:id', ['staff', 'coordinator'], m),
    g('/survey-responses/:id', ['staff', 'coordinator', 'admin'], m),
    p('/survey-responses/:id', ['staff', 'coordinator', 'admin'], m),
  ]
}
