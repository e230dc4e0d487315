/**
 * The report, computed from the answers in Musashino's manner: numbered 図表, each with n,
 * 単一回答/複数回答, counts and percentages rounded to one decimal, 無回答, cross-tabulations (by the
 * answer of another question of the same project, or by experience), the notes the seed writes
 * under its charts, and the free-text answers a coordinator picks from for 主な意見. Pure.
 */
import type { Opinion } from './schema.ts'
import {
  ATTRIBUTE_SHORT,
  type Answers,
  applies,
  BY_EXPERIENCE,
  choicesOf,
  isEmpty,
  OTHER,
  otherKey,
  type Question,
  type Questionnaire,
  type Section,
  type Value,
} from './questionnaire.ts'

export interface ReportInput {
  departmentName: string
  attribute: number
  answers: Answers
}

export interface FigureRow {
  label: string
  count: number
  percent: number
}

export interface CrossGroup {
  label: string
  n: number
  cells: FigureRow[]
}

export interface Figure {
  /** Stable key: the question key (or 'count:<section>', 'cross:<question>', 'opinions:<question>'). */
  key: string
  number: number
  title: string
  /** single | multiple: a chart; count: a table of counts; cross: a cross-tabulation; opinions: 主な意見 only. */
  kind: 'single' | 'multiple' | 'count' | 'cross' | 'opinions'
  /** 単一回答 or 複数回答 (of the question counted); null for counts and opinions. */
  answer: 'single' | 'multiple' | null
  n: number
  rows: FigureRow[]
  /** kind 'cross': the column labels and one group per row (総計 first). */
  columns?: string[]
  groups?: CrossGroup[]
  notes: string[]
  /** The picked 主な意見 (kind 'opinions', or under the figure). */
  opinions: Opinion[]
  /** Every free-text answer the coordinator may pick from (department names only for staff). */
  candidates: { group: string; text: string; department: string; attribute: number }[]
}

export interface ReportSection {
  key: string
  title: string
  summary: string
  figures: Figure[]
}

export interface Report {
  respondents: number
  byAttribute: { attribute: number; label: string; count: number; departments: string[] }[]
  sections: ReportSection[]
}

export const ROUNDING_NOTE =
  '各項目の値は小数第二位を四捨五入した値のため、回答率の合計は必ずしも100.0％にならない。'
export const SMALL_N_NOTE = 'n 値が小さい点に留意が必要'
export const SMALL_GROUP_NOTE =
  '区分によってはn値がきわめて小さく、意味を持たないものが多いことには留意が必要である。'
/** Below this n a figure carries SMALL_N_NOTE (Musashino warns at 25, 24, 27 and 22, not at 53 or 122). */
export const SMALL_N = 30

/** count / n as a percentage rounded half up to one decimal (integers, so exact). */
export const percent = (count: number, n: number) => (n ? Math.round((count * 1000) / n) / 10 : 0)

const NO_ANSWER = '無回答'

/** A unit counted by a figure: a department's answers, or one project row, with its department. */
interface Unit {
  values: Record<string, Value>
  attribute: number
  department: string
}

function picks(v: Value | undefined): string[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string' && v) return [v]
  return []
}

function rowsOf(q: Question, units: Unit[]): FigureRow[] {
  const n = units.length
  const rows = choicesOf(q).map((ch) => {
    const count = units.filter((u) => picks(u.values[q.key]).includes(ch.code)).length
    return { label: ch.label, count, percent: percent(count, n) }
  })
  const none = units.filter((u) => isEmpty(u.values[q.key])).length
  rows.push({ label: NO_ANSWER, count: none, percent: percent(none, n) })
  return rows
}

/** The units a question of a section is asked of. */
function unitsOf(s: Section, q: Question | null, inputs: ReportInput[]): Unit[] {
  const units: Unit[] = []
  for (const r of inputs) {
    if (!applies(s.condition, r.attribute, r.answers.dept)) continue
    const sets = s.repeat === 'project' ? r.answers.projects.map((p) => p.values) : [r.answers.dept]
    for (const values of sets)
      if (!q || applies(q.condition, r.attribute, values))
        units.push({ values, attribute: r.attribute, department: r.departmentName })
  }
  return units
}

function candidatesOf(q: Question, fromKeys: string[], units: Unit[], all: Map<string, Question>) {
  const out: Figure['candidates'] = []
  for (const u of units) {
    if (q.other && picks(u.values[q.key]).includes(OTHER)) {
      const t = u.values[otherKey(q.key)]
      if (typeof t === 'string' && t.trim())
        out.push({ group: 'その他', text: t.trim(), department: u.department, attribute: u.attribute })
    }
    for (const k of fromKeys) {
      const t = u.values[k]
      if (typeof t !== 'string' || !t.trim() || (k === q.key && q.kind !== 'text')) continue
      // group a reason under the choice it explains when the department picked exactly one
      const chosen = picks(u.values[q.key])
      const label =
        q.kind === 'text'
          ? ''
          : chosen.length === 1
            ? (choicesOf(q).find((c) => c.code === chosen[0])?.label ?? '')
            : ''
      out.push({
        group: label || (all.get(k)?.label ?? ''),
        text: t.trim(),
        department: u.department,
        attribute: u.attribute,
      })
    }
  }
  return out
}

/**
 * Every figure of the questionnaire from the submitted answers. `opinions` and `summaries` are the
 * coordinator's picks and texts (survey.opinions, survey.summaries).
 */
export function buildReport(
  qn: Questionnaire,
  inputs: ReportInput[],
  picked: Record<string, Opinion[]> = {},
  summaries: Record<string, string> = {},
): Report {
  const all = new Map<string, Question>()
  for (const s of qn.sections) for (const q of s.questions) all.set(q.key, q)
  const byAttribute = [1, 2, 3, 4].map((a) => {
    const departments = inputs.filter((r) => r.attribute === a).map((r) => r.departmentName)
    return { attribute: a, label: ATTRIBUTE_SHORT[a], count: departments.length, departments }
  })
  const sections: ReportSection[] = []
  for (const s of qn.sections) {
    const figures: Figure[] = []
    if (s.repeat === 'project' && s.countFigure) {
      const counts = new Map<string, number>()
      for (const u of unitsOf(s, null, inputs)) counts.set(u.department, (counts.get(u.department) ?? 0) + 1)
      const rows = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([label, count]) => ({ label, count, percent: 0 }))
      const n = rows.reduce((t, r) => t + r.count, 0)
      figures.push({
        key: `count:${s.key}`,
        number: s.countFigure.number,
        title: s.countFigure.title,
        kind: 'count',
        answer: null,
        n,
        rows,
        notes: [],
        opinions: [],
        candidates: [],
      })
    }
    for (const q of s.questions) {
      const f = q.figure
      if (!f) continue
      const units = unitsOf(s, q, inputs)
      const n = units.length
      const notes = n > 0 && n < SMALL_N ? [SMALL_N_NOTE] : []
      if (q.kind === 'single' || q.kind === 'multiple') {
        figures.push({
          key: q.key,
          number: f.number,
          title: f.title,
          kind: q.kind,
          answer: q.kind,
          n,
          rows: rowsOf(q, units),
          notes: [ROUNDING_NOTE, ...notes],
          opinions: f.opinions?.number === f.number ? (picked[q.key] ?? []) : [],
          candidates: f.opinions?.number === f.number ? candidatesOf(q, f.opinions.from, units, all) : [],
        })
        if (f.cross) figures.push(crossFigure(q, f.cross, units, all))
      }
      if (f.opinions && (f.opinions.number !== f.number || q.kind === 'text')) {
        const key = q.kind === 'text' ? q.key : `opinions:${q.key}`
        figures.push({
          key,
          number: f.opinions.number,
          title: f.opinions.title,
          kind: 'opinions',
          answer: null,
          n,
          rows: [],
          notes: [],
          opinions: picked[key] ?? [],
          candidates: candidatesOf(q, f.opinions.from, units, all),
        })
      }
    }
    figures.sort((a, b) => a.number - b.number)
    sections.push({ key: s.key, title: s.title, summary: summaries[s.key] ?? '', figures })
  }
  return { respondents: inputs.length, byAttribute, sections }
}

function crossFigure(
  q: Question,
  cross: { number: number; title: string; by: string },
  units: Unit[],
  all: Map<string, Question>,
): Figure {
  const columns = [...choicesOf(q).map((c) => c.label), NO_ANSWER]
  const groups: CrossGroup[] = [{ label: '総計', units }]
    .concat(
      cross.by === BY_EXPERIENCE
        ? [
            { label: '協働実績有り', units: units.filter((u) => u.attribute <= 3) },
            { label: '協働実績無し', units: units.filter((u) => u.attribute === 4) },
          ]
        : choicesOf(all.get(cross.by) ?? { key: '', label: '', kind: 'single' }).map((ch) => ({
            label: ch.label,
            units: units.filter((u) => picks(u.values[cross.by]).includes(ch.code)),
          })),
    )
    .filter((g, i) => i === 0 || g.units.length > 0)
    .map((g) => ({ label: g.label, n: g.units.length, cells: rowsOf(q, g.units) }))
  if (cross.by === BY_EXPERIENCE) groups[0].label = '全体'
  const small = groups.some((g) => g.n < 10)
  return {
    key: `cross:${q.key}`,
    number: cross.number,
    title: cross.title,
    kind: 'cross',
    answer: q.kind === 'multiple' ? 'multiple' : 'single',
    n: units.length,
    rows: [],
    columns,
    groups,
    notes: [ROUNDING_NOTE, ...(small ? [SMALL_GROUP_NOTE] : [])],
    opinions: [],
    candidates: [],
  }
}

export const ANSWER_LABEL = { single: '単一回答', multiple: '複数回答' } as const

/** Every figure of a report, in number order. */
export const figuresOf = (r: Report) =>
  r.sections.flatMap((s) => s.figures).sort((a, b) => a.number - b.number)
