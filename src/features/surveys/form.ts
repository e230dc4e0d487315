/**
 * Reading a department's answer form back into answers: `dept.<question>` and
 * `p.<row>.<question>` (repeated for several choices), `….<choice>` for shares, `<…>__other` for
 * その他. Numbers are read as people write them (full-width digits, 円, 万); what cannot be read is
 * kept as typed so the form shows it again with the message. Pure.
 */
import { parseJapaneseNumber } from '../../core/validation.ts'
import {
  type Answers,
  applies,
  choicesOf,
  otherKey,
  type ProjectAnswer,
  type Question,
  type Questionnaire,
  type Value,
} from './questionnaire.ts'

const str = (x: unknown) => (Array.isArray(x) ? String(x[0] ?? '') : typeof x === 'string' ? x : '').trim()
const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : typeof x === 'string' && x ? [x] : [])

function readQuestion(
  q: Question,
  body: Record<string, unknown>,
  prefix: string,
  into: Record<string, Value>,
) {
  const name = `${prefix}${q.key}`
  if (q.kind === 'single' || q.kind === 'text') into[q.key] = str(body[name]) || null
  else if (q.kind === 'multiple') into[q.key] = list(body[name]).filter(Boolean)
  else if (q.kind === 'number') {
    const raw = str(body[name])
    const n = parseJapaneseNumber(raw)
    into[q.key] = raw === '' ? null : typeof n === 'string' && /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : raw
  } else if (q.kind === 'shares') {
    const shares: Record<string, number> = {}
    let bad = false
    for (const ch of choicesOf(q)) {
      const raw = str(body[`${name}.${ch.code}`])
      if (!raw) continue
      const n = parseJapaneseNumber(raw.replace(/[%％]$/, ''))
      if (typeof n === 'string' && /^\d+(\.\d+)?$/.test(n)) shares[ch.code] = Number(n)
      else bad = true
    }
    into[q.key] = bad ? { __invalid: -1 } : Object.keys(shares).length ? shares : null
  }
  if (q.other) into[otherKey(q.key)] = str(body[otherKey(name)]) || null
}

/**
 * The answers in a posted form, for the department's attribute. Rows are those listed in `rows`
 * (their order kept), so a row the department removed is gone and one it added is there.
 */
export function readAnswers(
  qn: Questionnaire,
  attribute: number,
  body: Record<string, unknown>,
  before: Answers,
): Answers {
  const dept: Record<string, Value> = {}
  const rowIds = list(body.rows)
  const projects: ProjectAnswer[] = rowIds.map((id) => ({
    id,
    projectId: before.projects.find((r) => r.id === id)?.projectId ?? null,
    values: {},
  }))
  for (const s of qn.sections) {
    for (const q of s.questions) {
      if (s.repeat === 'project') for (const r of projects) readQuestion(q, body, `p.${r.id}.`, r.values)
      else readQuestion(q, body, 'dept.', dept)
    }
  }
  // answers to questions no longer asked (a changed condition) are dropped, as on paper
  for (const s of qn.sections) {
    for (const q of s.questions) {
      if (s.repeat === 'project') {
        for (const r of projects) if (!applies(q.condition, attribute, r.values)) delete r.values[q.key]
      } else if (!applies(q.condition, attribute, dept)) delete dept[q.key]
    }
  }
  return { dept, projects }
}
