/**
 * What the records say before a department answers: its attribute (属性①–④) for the fiscal year
 * surveyed, computed from its projects and their years, and the answers prefilled from each
 * project (name, form, partners, content, origin). Pure.
 */
import {
  type Answers,
  choicesOf,
  isEmpty,
  OTHER,
  otherKey,
  type ProjectAnswer,
  type Questionnaire,
  type Value,
} from './questionnaire.ts'

export interface ProjectFacts {
  id: string
  title: string
  form: string
  formLabel: string
  departmentId: string
  startOn: string
  endOn: string | null
  purpose: string
  /** pairing | proposal | consultation | existing */
  origin: string
  partners: string[]
  /** Whether a partner is an NPO法人 (認定 or not). */
  npoPartner: boolean
}

const fyStart = (y: number) => `${y}-04-01`
const fyEnd = (y: number) => `${y + 1}-03-31`

/** The project runs at some time in fiscal year `y`. */
export const runsIn = (p: Pick<ProjectFacts, 'startOn' | 'endOn'>, y: number) =>
  p.startOn <= fyEnd(y) && (!p.endOn || p.endOn >= fyStart(y))

/**
 * 属性 for fiscal year `y`: ① collaborated before `y` and still in `y`; ② only in `y` (its first
 * year); ③ in the past but not in `y`; ④ never (projects that start after `y` do not count).
 */
export function attributeOf(projects: Pick<ProjectFacts, 'startOn' | 'endOn'>[], y: number): 1 | 2 | 3 | 4 {
  const inYear = projects.filter((p) => runsIn(p, y))
  const before = projects.filter((p) => p.startOn < fyStart(y))
  if (inYear.length) return before.length ? 1 : 2
  return before.length ? 3 : 4
}

/**
 * The projects a department answers about: those running in `y` (属性①②), or for ③ the ones that
 * ended in the three years before `y` (at least the latest).
 */
export function projectsToAnswer<P extends Pick<ProjectFacts, 'startOn' | 'endOn'>>(
  projects: P[],
  y: number,
): P[] {
  const inYear = projects.filter((p) => runsIn(p, y))
  if (inYear.length) return inYear
  const past = projects
    .filter((p) => p.startOn < fyStart(y))
    .sort((a, b) => (b.endOn ?? '').localeCompare(a.endOn ?? ''))
  const recent = past.filter((p) => (p.endOn ?? '') >= fyStart(y - 3))
  return recent.length ? recent : past.slice(0, 1)
}

function prefillValue(
  source: string,
  p: ProjectFacts | null,
  departmentName: string,
): { value: Value; other?: string } | null {
  if (source === 'department') return { value: departmentName }
  if (!p) return null
  switch (source) {
    case 'project.title':
      return { value: p.title }
    case 'project.form':
      return { value: p.form, other: p.formLabel }
    case 'project.partners':
      return { value: p.partners.join('、') }
    case 'project.partnerType':
      return { value: p.npoPartner ? 'npo' : 'other_org' }
    case 'project.purpose':
      return { value: p.purpose }
    case 'project.origin.reason':
      return p.origin === 'proposal' ? { value: ['brought_in'] } : null
    case 'project.origin.setup':
      if (p.origin === 'proposal') return { value: ['group'] }
      if (p.origin === 'pairing') return { value: ['city'] }
      if (p.origin === 'consultation') return { value: ['together'] }
      return null
    default:
      return null
  }
}

/**
 * A department's answers before it writes anything: the questions that have a `prefill` filled
 * from the department and from each of its projects. A form the questionnaire does not list
 * becomes その他 with the form's name.
 */
export function prefillAnswers(qn: Questionnaire, departmentName: string, projects: ProjectFacts[]): Answers {
  const dept: Record<string, Value> = {}
  const rows: ProjectAnswer[] = projects.map((p) => ({ id: `p-${p.id}`, projectId: p.id, values: {} }))
  for (const s of qn.sections) {
    for (const q of s.questions) {
      if (!q.prefill) continue
      const targets =
        s.repeat === 'project'
          ? rows.map((r, i) => ({ values: r.values, p: projects[i] }))
          : [{ values: dept, p: null }]
      for (const t of targets) {
        const got = prefillValue(q.prefill, t.p, departmentName)
        if (!got || isEmpty(got.value)) continue
        const codes = choicesOf(q).map((c) => c.code)
        if (q.kind === 'single') {
          if (typeof got.value === 'string' && codes.includes(got.value)) t.values[q.key] = got.value
          else if (q.other) {
            t.values[q.key] = OTHER
            t.values[otherKey(q.key)] = got.other ?? String(got.value)
          }
        } else if (q.kind === 'multiple') {
          const list = (Array.isArray(got.value) ? got.value : [String(got.value)]).filter((c) =>
            codes.includes(c),
          )
          if (list.length) t.values[q.key] = list
        } else if (q.kind === 'text') t.values[q.key] = String(got.value)
      }
    }
  }
  return { dept, projects: rows }
}

/** Response rate: submitted of all, overall and per attribute. */
export function responseRates(rows: { attribute: number; status: string }[]) {
  const rate = (xs: typeof rows) => {
    const submitted = xs.filter((r) => r.status === 'submitted').length
    return {
      total: xs.length,
      submitted,
      percent: xs.length ? Math.round((submitted * 1000) / xs.length) / 10 : 0,
    }
  }
  return {
    all: rate(rows),
    byAttribute: [1, 2, 3, 4].map((a) => ({ attribute: a, ...rate(rows.filter((r) => r.attribute === a)) })),
  }
}

export const STATUS_LABELS: Record<string, string> = {
  draft: '準備中',
  open: '回答受付中',
  closed: '締切',
}
export const RESPONSE_STATUS_LABELS: Record<string, string> = {
  not_started: '未着手',
  draft: '回答中（下書き）',
  submitted: '提出済み',
}
