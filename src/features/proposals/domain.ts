import { z } from 'zod'
import type { FieldErrors } from '../../core/errors.ts'
import { v } from '../../core/validation.ts'
import type { BudgetLine, Course, Criterion, ScheduleStep } from './schema.ts'

/** Pure rules of the proposal programme (協働事業提案制度). */

export const TYPES = [
  { code: 'gyosei', label: '行政提案型' },
  { code: 'shimin', label: '市民提案型' },
] as const
export const typeLabel = (c: string) => TYPES.find((t) => t.code === c)?.label ?? c

/** The five courses of Kashiwa's review (見直し方針), the default of a new programme. */
export const DEFAULT_COURSES: Course[] = [
  { code: 'ikusei', label: '育成コース', frame: 1_000_000, limit: 300_000 },
  { code: 'project', label: 'プロジェクトコース', frame: 4_000_000, limit: 1_500_000 },
  { code: 'hojo', label: '市の補助金利用コース', frame: 2_000_000, limit: 1_000_000 },
  { code: 'koen', label: '市の後援コース', frame: 0, limit: 0 },
  { code: 'kyodo', label: '協働事業コース', frame: 3_000_000, limit: 1_200_000 },
]

export const DEFAULT_ELIGIBLE = [
  '報償費',
  '旅費',
  '消耗品費',
  '印刷製本費',
  '通信運搬費',
  '使用料及び賃借料',
  '委託料',
]
export const DEFAULT_INELIGIBLE = ['飲食費', '団体の経常的な運営費', '備品購入費', '人件費（団体の構成員）']

export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'public', label: '公益性', weight: 2 },
  { key: 'need', label: '協働の必要性', weight: 2 },
  { key: 'feasible', label: '実現性', weight: 1 },
  { key: 'continuity', label: '継続性・自立性', weight: 1 },
  { key: 'cost', label: '費用対効果', weight: 1 },
]

export const STAGES = [
  { code: 'preparing', label: '準備中（テーマ募集・制度説明）' },
  { code: 'open', label: '公募中' },
  { code: 'review', label: '書類審査中' },
  { code: 'presentation', label: '公開プレゼンテーション' },
  { code: 'decided', label: '結果公表' },
] as const
export type Stage = (typeof STAGES)[number]['code']
export const STAGE_CODES = STAGES.map((s) => s.code) as [Stage, ...Stage[]]
export const stageLabel = (c: string) => STAGES.find((s) => s.code === c)?.label ?? c
/** Which scoring stage a programme stage opens. */
export const scoringStageOf = (stage: string): ScoreStage | null =>
  stage === 'review' ? 'document' : stage === 'presentation' ? 'presentation' : null

export const SCORE_STAGES = [
  { code: 'document', label: '書類審査' },
  { code: 'presentation', label: '公開プレゼンテーション' },
] as const
export type ScoreStage = (typeof SCORE_STAGES)[number]['code']
export const scoreStageLabel = (c: string) => SCORE_STAGES.find((s) => s.code === c)?.label ?? c

export const APP_STATUSES = [
  { code: 'draft', label: '下書き', tone: 'gray' },
  { code: 'submitted', label: '提出済（受付）', tone: 'blue' },
  { code: 'eligible', label: '審査中', tone: 'blue' },
  { code: 'ineligible', label: '要件を満たさず', tone: 'red' },
  { code: 'adopted', label: '採択', tone: 'green' },
  { code: 'conditional', label: '条件付き採択', tone: 'green' },
  { code: 'rejected', label: '不採択', tone: 'gray' },
] as const
export const appStatusOf = (c: string) => APP_STATUSES.find((s) => s.code === c) ?? APP_STATUSES[0]
export const DECISIONS = ['adopted', 'conditional', 'rejected'] as const
export const isAdopted = (s: string) => s === 'adopted' || s === 'conditional'

export const THEME_STATUSES = [
  { code: 'proposed', label: '提案（庁内募集）' },
  { code: 'heard', label: 'ヒアリング済' },
  { code: 'decided', label: 'テーマ決定（庁議）' },
  { code: 'dropped', label: '見送り' },
] as const
export const themeStatusLabel = (c: string) => THEME_STATUSES.find((s) => s.code === c)?.label ?? c

/**
 * Chigasaki's calendar (茅ヶ崎市 協働推進事業, 2020) as dated steps of a fiscal year: the year's
 * steps from May to March, then the implementation from April of the next year.
 */
export function scheduleTemplate(type: string, fiscalYear: number): ScheduleStep[] {
  const d = (m: number, day: number, next = false) =>
    `${fiscalYear + (next || m < 4 ? 1 : 0)}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const common: ScheduleStep[] = [
    { label: '事業企画提案締切', on: d(10, 31), who: '団体' },
    { label: '公開プレゼンテーション', on: d(12, 5), who: '審査委員・団体' },
    { label: '実施事業内定', on: d(12, 25), who: '協働推進課' },
    { label: '事業内容等調整', on: d(3, 31), who: '団体・担当課' },
    { label: '事業の実施（原則2年間）', on: d(4, 1, true), who: '団体・担当課' },
  ]
  if (type === 'gyosei')
    return [
      { label: '説明会・テーマ庁内募集', on: d(5, 15), who: '担当課' },
      { label: 'テーマ提案課ヒアリング', on: d(6, 15), who: '協働推進課・担当課' },
      { label: '庁議・テーマ決定', on: d(8, 1), who: '協働推進課' },
      { label: '行政提案型公募開始', on: d(8, 15), who: '協働推進課' },
      { label: '公募説明会', on: d(9, 10), who: '団体' },
      ...common,
    ]
  return [
    { label: '制度説明会', on: d(6, 20), who: '団体' },
    { label: '市民提案型公募開始', on: d(8, 1), who: '協働推進課' },
    { label: '意見交換会', on: d(8, 20), who: '団体・担当課' },
    ...common,
  ]
}

/** The deadline of a schedule: the day of 事業企画提案締切, end of day in Japan. */
export function deadlineOf(schedule: ScheduleStep[]): Date | null {
  const s = schedule.find((x) => x.label.includes('締切'))
  return s ? new Date(`${s.on}T23:59:59+09:00`) : null
}

export const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

// ------------------------------------------------------------------ programme form

const list = (label: string) =>
  z.preprocess(
    (x) =>
      (Array.isArray(x) ? x.map(String).join('\n') : typeof x === 'string' ? x : '')
        .split(/[\n、,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    z.array(z.string().max(60, { error: `${label}は1項目60文字以内で入力してください` })),
  )

export const programmeSchema = z.object({
  title: v.text('名称', { max: 120 }),
  type: v.oneOf('提案の型', ['gyosei', 'shimin']),
  fiscalYear: v.year('年度', { optional: true, min: 2000, max: 2100 }),
  description: v.optionalText('制度の説明', { max: 4000 }),
  courses: v.manyOf(
    'コース',
    DEFAULT_COURSES.map((c) => c.code),
    { min: 1 },
  ),
  budgetFrame: v.int('採択枠（1年目の市負担額の合計）', { min: 0, max: 10_000_000_000 }),
  upperLimit: v.int('1件あたりの上限額', { min: 0, max: 10_000_000_000 }),
  eligibleCategories: list('対象経費'),
  ineligibleCategories: list('対象外経費'),
  fundedYears: v.int('支援する年数', { min: 1, max: 5 }),
  preConsultationRequired: v.checkbox(),
})
export type ProgrammeInput = z.output<typeof programmeSchema>

export const themeSchema = z.object({
  departmentId: v.uuid('提案する課'),
  title: v.text('テーマ', { max: 120 }),
  description: v.optionalText('テーマの説明（課題・ニーズ）', { max: 2000 }),
  upperLimit: v.int('上限額', { min: 0, max: 10_000_000_000 }),
  needId: z.preprocess(
    (x) => (x ? x : null),
    z.string().uuid({ error: '協働ニーズは一覧から選んでください' }).nullable(),
  ),
})

export const consultationSchema = z.object({
  groupId: v.uuid('団体'),
  departmentId: v.uuid('意見交換した課'),
  heldOn: v.ymd('意見交換会の日'),
  note: v.optionalText('メモ', { max: 2000 }),
})

// ------------------------------------------------------------------ the proposal

export const BUDGET_ROWS = 8

export const applicationSchema = z.object({
  title: v.text('事業名', { max: 120 }),
  courseCode: v.text('コース', { max: 40 }),
  themeId: z.preprocess(
    (x) => (x ? x : null),
    z.string().uuid({ error: 'テーマは一覧から選んでください' }).nullable(),
  ),
  departmentId: z.preprocess(
    (x) => (x ? x : null),
    z.string().uuid({ error: '協働する課は一覧から選んでください' }).nullable(),
  ),
  purpose: v.text('事業の目的', { max: 2000 }),
  localIssue: v.text('地域の課題', { max: 2000 }),
  content: v.text('事業の内容', { max: 4000 }),
  plan: v.text('2年間の計画', { max: 4000 }),
  outcomes: v.text('期待される成果', { max: 2000 }),
  measures: v.text('成果の測り方', { max: 2000 }),
  team: v.optionalText('実施体制（団体・企業・大学など）', { max: 2000 }),
  roles: v.text('団体と市の役割分担', { max: 2000 }),
})
/** A draft needs only its title; everything else may still be empty. */
export const draftSchema = applicationSchema.partial().extend({
  title: v.text('事業名', { max: 120 }),
  courseCode: v.optionalText('コース', { max: 40 }),
})

const num = (x: unknown): number | null | 'bad' => {
  if (x === undefined || x === null) return null
  const s = String(x)
    .normalize('NFKC')
    .replace(/[,円\s]/g, '')
  if (!s) return null
  return /^\d+$/.test(s) ? Number(s) : 'bad'
}

/**
 * The budget table from the form's rows budget_<i>_year/category/item/total/city/own (empty rows
 * skipped), with errors naming the row and column.
 */
export function parseBudget(raw: Record<string, unknown>): { lines: BudgetLine[]; errors: FieldErrors } {
  const lines: BudgetLine[] = []
  const errors: FieldErrors = {}
  for (let i = 0; i < BUDGET_ROWS; i++) {
    const f = (k: string) => raw[`budget_${i}_${k}`]
    const category = String(f('category') ?? '').trim()
    const item = String(f('item') ?? '').trim()
    const [total, city, own] = ['total', 'city', 'own'].map((k) => num(f(k)))
    if (!category && !item && total === null && city === null && own === null) continue
    const row = `予算表${i + 1}行目`
    if (!category) errors[`budget_${i}_category`] = `${row}の費目を選んでください`
    for (const [k, n, label] of [
      ['total', total, '事業額'],
      ['city', city, '市負担額'],
      ['own', own, '自己資金'],
    ] as const)
      if (n === 'bad') errors[`budget_${i}_${k}`] = `${row}の${label}は0以上の整数（円）で入力してください`
    const t = typeof total === 'number' ? total : 0
    const c = typeof city === 'number' ? city : 0
    const o = typeof own === 'number' ? own : 0
    if (total !== 'bad' && city !== 'bad' && own !== 'bad' && t !== c + o)
      errors[`budget_${i}_total`] =
        `${row}の事業額（${yen(t)}）は市負担額と自己資金の合計（${yen(c + o)}）にしてください`
    lines.push({
      year: String(f('year')) === '2' ? 2 : 1,
      category,
      item: item.slice(0, 120),
      total: t,
      city: c,
      own: o,
    })
  }
  return { lines, errors }
}

/** The form's values of a budget table (to show it again). */
export function budgetValues(lines: BudgetLine[]): Record<string, string> {
  const out: Record<string, string> = {}
  lines.forEach((l, i) => {
    out[`budget_${i}_year`] = String(l.year)
    out[`budget_${i}_category`] = l.category
    out[`budget_${i}_item`] = l.item
    out[`budget_${i}_total`] = String(l.total)
    out[`budget_${i}_city`] = String(l.city)
    out[`budget_${i}_own`] = String(l.own)
  })
  return out
}

export const cityShare = (lines: BudgetLine[], year: 1 | 2) =>
  lines.filter((l) => l.year === year).reduce((n, l) => n + l.city, 0)

/**
 * What a submission is checked against: the categories, the upper limit per year (theme, else
 * course, else programme) and what remains of the frame for year 1. Errors name the field.
 */
export function checkBudget(
  lines: BudgetLine[],
  rules: { eligible: string[]; ineligible: string[]; limit: number; remaining: number | null },
): FieldErrors {
  const errors: FieldErrors = {}
  lines.forEach((l, i) => {
    if (!l.category) return
    if (
      rules.ineligible.includes(l.category) ||
      (rules.eligible.length && !rules.eligible.includes(l.category))
    )
      errors[`budget_${i}_category`] =
        `予算表${i + 1}行目の費目「${l.category}」は対象外経費です。対象経費（${rules.eligible.join('・')}）から選んでください`
  })
  if (!lines.length) errors.budget_0_category = '予算表を1行以上入力してください'
  for (const y of [1, 2] as const) {
    const c = cityShare(lines, y)
    if (rules.limit > 0 && c > rules.limit)
      errors[`budget_total_${y}`] =
        `${y}年目の市負担額の合計（${yen(c)}）が上限額（${yen(rules.limit)}）を超えています。上限額以内にしてください`
  }
  const c1 = cityShare(lines, 1)
  if (rules.remaining !== null && c1 > rules.remaining && !errors.budget_total_1)
    errors.budget_total_1 = `1年目の市負担額の合計（${yen(c1)}）が採択枠の残り（${yen(Math.max(0, rules.remaining))}）を超えています`
  return errors
}

// ------------------------------------------------------------------ scoring

export interface ScoreRow {
  reviewerId: string
  stage: string
  criterion: string
  score: number
}

/** Scores from a form: score_<key> and comment_<key> per criterion, each 1–5 with a required comment. */
export function parseScores(
  raw: Record<string, unknown>,
  criteria: Criterion[],
): { scores: { criterion: string; score: number; comment: string }[]; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const scores: { criterion: string; score: number; comment: string }[] = []
  for (const c of criteria) {
    const s = String(raw[`score_${c.key}`] ?? '')
      .normalize('NFKC')
      .trim()
    const comment = String(raw[`comment_${c.key}`] ?? '').trim()
    const n = Number(s)
    if (!/^[1-5]$/.test(s)) errors[`score_${c.key}`] = `${c.label}の評点は1から5の整数で選んでください`
    if (!comment) errors[`comment_${c.key}`] = `${c.label}の講評（コメント）を入力してください`
    else if (comment.length > 1000)
      errors[`comment_${c.key}`] = `${c.label}の講評は1000文字以内で入力してください`
    scores.push({ criterion: c.key, score: n, comment })
  }
  return { scores, errors }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
/** Population standard deviation. */
const sd = (xs: number[]) => {
  if (xs.length < 2) return 0
  const m = mean(xs)
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))
}
export const round1 = (n: number) => Math.round(n * 10) / 10

export interface StageStats {
  reviewers: number
  /** Weighted total per reviewer. */
  totals: { reviewerId: string; total: number }[]
  mean: number
  sd: number
  /** Scores 2 points or more from the criterion's mean across reviewers. */
  outliers: { reviewerId: string; criterion: string; score: number; mean: number }[]
}

export function stageStats(rows: ScoreRow[], criteria: Criterion[]): StageStats {
  const byReviewer = new Map<string, Map<string, number>>()
  for (const r of rows) {
    if (!byReviewer.has(r.reviewerId)) byReviewer.set(r.reviewerId, new Map())
    byReviewer.get(r.reviewerId)!.set(r.criterion, r.score)
  }
  const totals = [...byReviewer].map(([reviewerId, m]) => ({
    reviewerId,
    total: criteria.reduce((n, c) => n + (m.get(c.key) ?? 0) * c.weight, 0),
  }))
  const outliers: StageStats['outliers'] = []
  for (const c of criteria) {
    const xs = [...byReviewer].map(([id, m]) => [id, m.get(c.key)] as const).filter((x) => x[1] !== undefined)
    if (xs.length < 3) continue
    const m = mean(xs.map((x) => x[1]!))
    for (const [reviewerId, score] of xs)
      if (Math.abs(score! - m) >= 2)
        outliers.push({ reviewerId, criterion: c.key, score: score!, mean: round1(m) })
  }
  const ts = totals.map((t) => t.total)
  return { reviewers: totals.length, totals, mean: round1(mean(ts)), sd: round1(sd(ts)), outliers }
}

export const maxTotal = (criteria: Criterion[]) => criteria.reduce((n, c) => n + 5 * c.weight, 0)

export interface RankInput {
  id: string
  title: string
  groupName: string
  courseCode: string
  city1: number
  document: StageStats
  presentation: StageStats
}
export interface Ranked extends RankInput {
  rank: number
  score: number
  cumulative: number
  /** The cumulative year-1 市負担額 within the proposal's course, in rank order. */
  courseCumulative: number
  /** Within the programme's frame and, when its course has a frame of its own, within that too. */
  fits: boolean
  /** Outside its course's frame (while the programme's frame might still hold it). */
  overCourse: boolean
}

/**
 * Ranking by the mean weighted total of both stages (書類審査 + 公開プレゼンテーション), beside the
 * frame: the cumulative year-1 市負担額 in rank order, and whether each still fits in the frame.
 */
export function rankAgainstFrame(
  rows: RankInput[],
  frame: number,
  courses: { code: string; frame: number }[] = [],
): Ranked[] {
  const sorted = [...rows]
    .map((r) => ({ ...r, score: round1(r.document.mean + r.presentation.mean) }))
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'ja'))
  const courseFrame = new Map(courses.map((c) => [c.code, c.frame]))
  const byCourse = new Map<string, number>()
  let cumulative = 0
  return sorted.map((r, i) => {
    cumulative += r.city1
    const courseCumulative = (byCourse.get(r.courseCode) ?? 0) + r.city1
    byCourse.set(r.courseCode, courseCumulative)
    const own = courseFrame.get(r.courseCode) ?? 0
    const overCourse = own > 0 && courseCumulative > own
    return {
      ...r,
      rank: i + 1,
      cumulative,
      courseCumulative,
      overCourse,
      fits: cumulative <= frame && !overCourse,
    }
  })
}

// ------------------------------------------------------------------ the funnel

export interface FunnelYear {
  fiscalYear: number
  consultations: number
  applications: number
  adopted: number
  continued: number
  history: boolean
}

/** History rows and live counts by fiscal year, added together where both exist, oldest first. */
export function mergeFunnel(
  history: Omit<FunnelYear, 'history'>[],
  live: Omit<FunnelYear, 'history'>[],
): FunnelYear[] {
  const m = new Map<number, FunnelYear>()
  for (const h of history) m.set(h.fiscalYear, { ...h, history: true })
  for (const l of live) {
    const p = m.get(l.fiscalYear)
    if (!p) m.set(l.fiscalYear, { ...l, history: false })
    else
      m.set(l.fiscalYear, {
        fiscalYear: l.fiscalYear,
        consultations: p.consultations + l.consultations,
        applications: p.applications + l.applications,
        adopted: p.adopted + l.adopted,
        continued: p.continued + l.continued,
        history: p.history,
      })
  }
  return [...m.values()].sort((a, b) => a.fiscalYear - b.fiscalYear)
}
