/**
 * The survey instrument: sections of questions (single and multiple choice with その他 and its free
 * text, free text, numbers, and "how many percent" shares that must add up to 100), sections
 * repeated once per project, and conditions by the department's attribute (属性①–④) or by another
 * answer. Pure: the builder edits it, the answer form renders it, the report counts it.
 */

export type QuestionKind = 'single' | 'multiple' | 'text' | 'number' | 'shares'

export const QUESTION_KINDS: { code: QuestionKind; label: string }[] = [
  { code: 'single', label: '単一回答（ひとつ選ぶ）' },
  { code: 'multiple', label: '複数回答（いくつでも選ぶ）' },
  { code: 'text', label: '自由記述' },
  { code: 'number', label: '数値' },
  { code: 'shares', label: '割合（合計100％）' },
]

export interface Choice {
  code: string
  label: string
}

/** Shown when the department's attribute is one of `attributes` and (if set) `question`'s answer is one of `equals`. */
export interface Condition {
  attributes?: number[]
  question?: string
  equals?: string[]
}

/** How a question's answer is first filled from the records (the department confirms or corrects it). */
export type Prefill =
  | 'department'
  | 'project.title'
  | 'project.form'
  | 'project.partners'
  | 'project.partnerType'
  | 'project.purpose'
  | 'project.origin.reason'
  | 'project.origin.setup'

/** The chart of a question in the report (図表): its number, title, and optional cross-tabulation. */
export interface FigureSpec {
  number: number
  title: string
  /** A second figure: the same answers by the answer to `by` (a question of the same section) or by experience. */
  cross?: { number: number; title: string; by: string }
  /**
   * 主な意見: the free-text answers of the questions `from` (and this question's その他) are the
   * candidates the coordinator picks from; shown as their own numbered table (Musashino's 図表11).
   * For a free-text question, the figure is this table alone.
   */
  opinions?: { number: number; title: string; from: string[] }
}

/** Cross-tabulation by experience: 協働実績有り (属性①–③) against 無し (属性④). */
export const BY_EXPERIENCE = '@experience'

export interface Question {
  key: string
  label: string
  kind: QuestionKind
  choices?: Choice[]
  /** Adds the choice その他 with a free-text field. */
  other?: boolean
  /** A choice that excludes the others (e.g. 特にない). */
  exclusive?: string
  required?: boolean
  help?: string
  condition?: Condition
  prefill?: Prefill
  figure?: FigureSpec
  /** For kind 'multiple': the most choices one may pick. */
  max?: number
  /** For kind 'text': a one-line answer (a name), not a paragraph. */
  short?: boolean
}

export interface Section {
  key: string
  title: string
  intro?: string
  /** 'project': asked once for every project of the department (prefilled from the records). */
  repeat?: 'project'
  condition?: Condition
  /** For a repeated section: the figure counting its rows by department (Musashino's 図表2). */
  countFigure?: { number: number; title: string }
  questions: Question[]
}

export interface Questionnaire {
  sections: Section[]
}

/** A stored answer: a choice code, codes, text, a number, or shares (code → percent). */
export type Value = string | string[] | number | Record<string, number> | null

export interface ProjectAnswer {
  /** Stable id of the row (kept when the department edits the list). */
  id: string
  /** The project record it was prefilled from, or null when the department added it. */
  projectId: string | null
  values: Record<string, Value>
}

/** One department's answers: to the department questions, and one set per project. */
export interface Answers {
  dept: Record<string, Value>
  projects: ProjectAnswer[]
}

export const OTHER = 'other'
/** The key of the free text of その他. */
export const otherKey = (key: string) => `${key}__other`

export const ATTRIBUTE_LABELS: Record<number, string> = {
  1: '属性① 協働を実施しており、現在も継続中',
  2: '属性② 直近1年間のみ協働を実施',
  3: '属性③ 過去に協働を実施していたが、現在はない',
  4: '属性④ これまで協働を実施したことがない',
}
export const ATTRIBUTE_SHORT: Record<number, string> = { 1: '属性①', 2: '属性②', 3: '属性③', 4: '属性④' }

/** A question's choices including その他 when it has one. */
export function choicesOf(q: Question): Choice[] {
  const list = q.choices ?? []
  return q.other && !list.some((c) => c.code === OTHER) ? [...list, { code: OTHER, label: 'その他' }] : list
}

export function isEmpty(v: Value | undefined): boolean {
  if (v === null || v === undefined) return true
  if (typeof v === 'string') return v.trim() === ''
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'number') return Number.isNaN(v)
  return Object.keys(v).length === 0
}

/** Whether a question (or section) with this condition is asked of a department / project row. */
export function applies(
  cond: Condition | undefined,
  attribute: number,
  values: Record<string, Value>,
): boolean {
  if (!cond) return true
  if (cond.attributes?.length && !cond.attributes.includes(attribute)) return false
  if (cond.question) {
    const v = values[cond.question]
    const got = Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
    if (!got.some((x) => (cond.equals ?? []).includes(x))) return false
  }
  return true
}

export interface AnswerIssue {
  /** The form field's name (e.g. `dept.q_merit` or `p.<row>.q_form`). */
  field: string
  message: string
}

/** Checks one set of values against the questions asked of it; `complete` also requires required answers. */
function checkValues(
  questions: Question[],
  values: Record<string, Value>,
  attribute: number,
  prefix: string,
  where: string,
  complete: boolean,
): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  for (const q of questions) {
    if (!applies(q.condition, attribute, values)) continue
    const v = values[q.key]
    const field = `${prefix}${q.key}`
    const name = `${where}「${q.label}」`
    if (isEmpty(v)) {
      if (complete && q.required) issues.push({ field, message: `${name}に回答してください。` })
      continue
    }
    const codes = choicesOf(q).map((c) => c.code)
    if (q.kind === 'single') {
      if (typeof v !== 'string' || !codes.includes(v))
        issues.push({ field, message: `${name}は選択肢からひとつ選んでください。` })
    } else if (q.kind === 'multiple') {
      const arr = Array.isArray(v) ? v : null
      if (!arr || arr.some((x) => !codes.includes(x)))
        issues.push({ field, message: `${name}は選択肢から選んでください。` })
      else if (q.exclusive && arr.includes(q.exclusive) && arr.length > 1) {
        const label = choicesOf(q).find((c) => c.code === q.exclusive)?.label
        issues.push({ field, message: `${name}で「${label}」を選ぶときは、ほかの選択肢は選べません。` })
      } else if (q.max && arr.length > q.max)
        issues.push({ field, message: `${name}は${q.max}つまで選べます（${arr.length}つ選ばれています）。` })
    } else if (q.kind === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        issues.push({ field, message: `${name}は0以上の数値で入力してください。` })
    } else if (q.kind === 'shares') {
      const shares = typeof v === 'object' && !Array.isArray(v) ? v : null
      if (!shares || Object.entries(shares).some(([k, x]) => !codes.includes(k) || !(x >= 0)))
        issues.push({ field, message: `${name}は選択肢ごとに0以上の割合（％）で入力してください。` })
      else {
        const total = Object.values(shares).reduce((s, x) => s + x, 0)
        if (Math.abs(total - 100) > 0.05)
          issues.push({
            field,
            message: `${name}の割合の合計が${Math.round(total * 10) / 10}％です。合計が100％になるようにしてください。`,
          })
      }
    } else if (typeof v !== 'string') issues.push({ field, message: `${name}は文章で入力してください。` })
    const pickedOther = Array.isArray(v) ? v.includes(OTHER) : v === OTHER
    if (q.other && complete && pickedOther && isEmpty(values[otherKey(q.key)])) {
      issues.push({
        field: `${prefix}${otherKey(q.key)}`,
        message: `${name}で「その他」を選んだときは、内容を書いてください。`,
      })
    }
  }
  return issues
}

/**
 * Problems with a department's answers, in Japanese naming the question: wrong kinds always;
 * missing required answers only when `complete` (submitting, not saving a draft).
 */
export function checkAnswers(
  qn: Questionnaire,
  answers: Answers,
  attribute: number,
  complete: boolean,
): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  for (const s of qn.sections) {
    if (!applies(s.condition, attribute, answers.dept)) continue
    if (s.repeat === 'project') {
      answers.projects.forEach((row, i) => {
        const title =
          typeof row.values.title === 'string' && row.values.title ? row.values.title : `${i + 1}件目`
        issues.push(
          ...checkValues(
            s.questions,
            row.values,
            attribute,
            `p.${row.id}.`,
            `協働事業「${title}」の`,
            complete,
          ),
        )
      })
    } else issues.push(...checkValues(s.questions, answers.dept, attribute, 'dept.', '', complete))
  }
  return issues
}

/** All questions (any section), by key: keys are unique across a questionnaire. */
export function questionsByKey(qn: Questionnaire): Map<string, { q: Question; s: Section }> {
  const map = new Map<string, { q: Question; s: Section }>()
  for (const s of qn.sections) for (const q of s.questions) map.set(q.key, { q, s })
  return map
}

/** Problems with a questionnaire the coordinator built (before it is saved). */
export function checkQuestionnaire(qn: Questionnaire): string[] {
  const out: string[] = []
  const keys = new Set<string>()
  const numbers = new Map<number, string>()
  const claim = (n: number, title: string) => {
    const prev = numbers.get(n)
    if (prev) out.push(`図表${n}の番号が「${prev}」と「${title}」で重なっています。`)
    numbers.set(n, title)
  }
  if (!qn.sections.length) out.push('設問の区分がひとつもありません。')
  for (const s of qn.sections) {
    if (!s.title.trim()) out.push('区分の名前を入力してください。')
    if (s.countFigure) claim(s.countFigure.number, s.countFigure.title)
    for (const q of s.questions) {
      if (keys.has(q.key)) out.push(`設問の記号「${q.key}」が重なっています。`)
      keys.add(q.key)
      if (!q.label.trim()) out.push(`区分「${s.title}」に文言のない設問があります。`)
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'shares') && choicesOf(q).length < 2)
        out.push(`設問「${q.label}」には選択肢を2つ以上入れてください。`)
      if (q.figure) {
        claim(q.figure.number, q.figure.title)
        if (q.figure.cross) claim(q.figure.cross.number, q.figure.cross.title)
        if (q.figure.opinions && q.figure.opinions.number !== q.figure.number)
          claim(q.figure.opinions.number, q.figure.opinions.title)
      }
    }
  }
  for (const { q } of questionsByKey(qn).values()) {
    if (q.condition?.question && !keys.has(q.condition.question))
      out.push(`設問「${q.label}」の条件にある設問「${q.condition.question}」がありません。`)
  }
  return out
}
