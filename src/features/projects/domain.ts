import { z } from 'zod'
import { parseYear } from '../../core/japanese/index.ts'
import { COLLAB_FORMS } from '../../core/vocabulary.ts'
import { type FieldErrors, parseJapaneseNumber, v } from '../../core/validation.ts'

/** Pure rules of collaboration projects: vocabularies, states, input schemas, follow-ups, continuation. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

export const STATES = [
  { code: 'preparing', label: '準備中' },
  { code: 'running', label: '実施中' },
  { code: 'ended', label: '終了' },
  { code: 'follow_up', label: 'フォローアップ中' },
  { code: 'completed', label: '完了' },
] as const
export type State = (typeof STATES)[number]['code']

/** Allowed transitions: forward along the life, and back one step where a mistake is corrected. */
export const TRANSITIONS: Record<string, string[]> = {
  preparing: ['running'],
  running: ['ended', 'preparing'],
  ended: ['follow_up', 'running'],
  follow_up: ['completed'],
  completed: [],
}
export const canMove = (from: string, to: string) => (TRANSITIONS[from] ?? []).includes(to)

export const ORIGINS = [
  { code: 'pairing', label: '協働ニーズのマッチング' },
  { code: 'proposal', label: '採択された提案' },
  { code: 'consultation', label: '協働の相談' },
  { code: 'existing', label: 'これまでの協働（直接登録）' },
] as const

export const PARTNER_KINDS = [
  { code: 'group', label: '登録団体' },
  { code: 'business', label: '事業者' },
  { code: 'university', label: '大学・学校' },
  { code: 'neighbourhood', label: '自治会・町内会' },
  { code: 'other', label: 'その他の団体' },
] as const

export const WHO = [
  { code: 'group', label: '団体' },
  { code: 'city', label: '市' },
  { code: 'joint', label: '共同' },
  { code: 'partner', label: '協働の相手（指名）' },
] as const

export const OUTCOMES = [
  { code: 'effective', label: '成果が上がっている' },
  { code: 'not_effective', label: '成果は上がっていない' },
  { code: 'undecided', label: 'どちらとも言えない' },
] as const

export const EVALUATION_KINDS = [
  { code: 'year_end', label: '年度末の評価' },
  { code: 'final', label: '事業終了時の評価' },
] as const

export const CONTINUATIONS = [
  { code: 'continued', label: '継続' },
  { code: 'budget_reduced', label: '予算縮小' },
  { code: 'scaled_down', label: '事業縮小' },
  { code: 'stopped', label: '終了' },
] as const
/** Every answer but 終了 counts as continuing. */
export const continues = (c: string | null | undefined) => !!c && c !== 'stopped'

export const CARRIERS = [
  { code: 'department', label: '担当課の事業として継続' },
  { code: 'group', label: '団体が単独で継続' },
  { code: 'other_funder', label: '別の助成・資金で継続' },
] as const

export const FOLLOWUP_MONTHS = [6, 12, 24, 36] as const

/** 'YYYY-MM-DD' plus n months (the last day of the month when the day does not exist). */
export function addMonths(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** The follow-ups due after a project ends on `endOn`. */
export const followupSchedule = (endOn: string) =>
  FOLLOWUP_MONTHS.map((months) => ({ months, dueOn: addMonths(endOn, months) }))

/** 年度 of a date 'YYYY-MM-DD' (April to March). */
export const fiscalYearOfYmd = (ymd: string) => {
  const [y, m] = ymd.split('-').map(Number)
  return m >= 4 ? y : y - 1
}

// ------------------------------------------------------------------ input

/** An amount in yen: full-width digits, commas, 円 and 万 accepted; negative refused naming the field. */
export const amount = (label: string, required = true) =>
  z.preprocess(
    (x) =>
      x === undefined || x === null || (typeof x === 'string' && !x.trim())
        ? required
          ? undefined
          : '0'
        : parseJapaneseNumber(typeof x === 'number' ? String(x) : x),
    z.coerce
      .number({ error: `${label}を半角または全角の数字で入力してください（例：1,732,180）` })
      .int({ error: `${label}は1円単位の整数で入力してください` })
      .min(0, { error: `${label}はマイナスにできません。0円以上で入力してください` })
      .max(100_000_000_000, { error: `${label}が大きすぎます` }),
  )

/** 年度 as people write it: 2026, ２０２６年度, 令和8年度, R8. */
export const fiscalYear = (label: string) =>
  z.preprocess(
    (x) => {
      if (typeof x === 'number') return x
      if (typeof x !== 'string' || !x.trim()) return undefined
      const y = parseYear(x.replace(/年度$/, '年'))
      return y === 'bad' || y === null ? x : y
    },
    z
      .number({ error: `${label}は西暦（例：2026）か和暦（例：令和8年度）で入力してください` })
      .int()
      .min(1990, { error: `${label}は1990年度以降で入力してください` })
      .max(2100, { error: `${label}は2100年度以前で入力してください` }),
  )

export const budgetSchema = z
  .object({
    fiscalYear: fiscalYear('年度'),
    total: amount('事業額'),
    cityShare: amount('市負担額'),
    groupShare: amount('団体負担', false),
    otherIncome: amount('その他収入', false),
  })
  .superRefine((b, ctx) => {
    if (b.cityShare > b.total)
      ctx.addIssue({
        code: 'custom',
        path: ['cityShare'],
        message: `市負担額（${b.cityShare.toLocaleString('ja-JP')}円）は事業額（${b.total.toLocaleString('ja-JP')}円）以下で入力してください`,
      })
  })
export type BudgetInput = z.output<typeof budgetSchema>

const goalRow = (i: number) => ({
  [`goal${i}Name`]: v.optionalText(`指標${i}の名前`, { max: 100 }),
  [`goal${i}Unit`]: v.optionalText(`指標${i}の単位`, { max: 20 }),
  [`goal${i}Target`]: z.preprocess(
    (x) =>
      x === undefined || x === null || (typeof x === 'string' && !x.trim()) ? null : parseJapaneseNumber(x),
    z.coerce
      .number({ error: `指標${i}の目標値は数字で入力してください` })
      .min(0, { error: `指標${i}の目標値は0以上で入力してください` })
      .nullable(),
  ),
})
export const GOAL_ROWS = 3

/** The record (web form: dates as three parts, collected by collectDateParts). */
export const projectRecordSchema = z.object({
  title: v.text('事業名', { max: 120 }),
  form: v.oneOf('協働の形態', codes(COLLAB_FORMS)),
  origin: v.oneOf('事業のきっかけ', codes(ORIGINS)),
  departmentId: v.uuid('担当課'),
  departmentIds: z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: '関係課は一覧から選んでください' })),
  ),
  startOn: v.ymd('開始日'),
  endOn: v.ymd('終了日', false),
  purpose: v.text('目的', { max: 2000 }),
  cityContact: v.optionalText('市側の連絡先', { max: 300 }),
  partnerContact: v.optionalText('団体側の連絡先', { max: 300 }),
  internal: v.checkbox(),
  ...goalRow(1),
  ...goalRow(2),
  ...goalRow(3),
})
export type ProjectRecordInput = z.output<typeof projectRecordSchema>

/** Cross-field checks of the record: the end not before the start, goals complete. */
export function recordProblems(d: {
  startOn: string | null
  endOn: string | null
  goals?: { name: string; unit: string; target: number | null }[]
}): FieldErrors {
  const e: FieldErrors = {}
  if (d.startOn && d.endOn && d.endOn < d.startOn)
    e.endOn = '終了日は開始日と同じ日かそれより後の日付を入力してください'
  for (const [i, g] of (d.goals ?? []).entries()) {
    const filled = g.name || g.unit || g.target !== null
    if (filled && !g.name) e[`goal${i + 1}Name`] = `指標${i + 1}の名前を入力してください`
    if (filled && g.target === null) e[`goal${i + 1}Target`] = `指標${i + 1}の目標値を入力してください`
  }
  return e
}

export function goalsOf(d: Record<string, unknown>): { name: string; unit: string; target: number | null }[] {
  return Array.from({ length: GOAL_ROWS }, (_, k) => ({
    name: String(d[`goal${k + 1}Name`] ?? ''),
    unit: String(d[`goal${k + 1}Unit`] ?? ''),
    target: (d[`goal${k + 1}Target`] as number | null) ?? null,
  }))
}

/** The older, shorter form on the pairing page (an agreed pairing becomes a project). */
export const projectSchema = z.object({
  title: v.text('事業名', { max: 120 }),
  form: v.oneOf('協働の形態', codes(COLLAB_FORMS)),
  startOn: v.ymd('開始日'),
  purpose: v.text('目的', { max: 2000 }),
})

export const partnerSchema = z
  .object({
    kind: v.oneOf('相手の種類', codes(PARTNER_KINDS)),
    groupId: z.preprocess((x) => (x === '' ? undefined : x), v.uuid('登録団体').optional()),
    name: v.optionalText('名称', { max: 120 }),
    role: v.optionalText('役割', { max: 300 }),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'group' && !p.groupId)
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: '登録団体を一覧から選んでください' })
    if (p.kind !== 'group' && !p.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: '名称を入力してください（例：〇〇町自治会）' })
  })

export const roleSchema = z
  .object({
    task: v.text('役割（作業）', { max: 300 }),
    who: v.oneOf('担い手', codes(WHO)),
    partnerId: z.preprocess((x) => (x === '' ? undefined : x), v.uuid('協働の相手').optional()),
  })
  .superRefine((r, ctx) => {
    if (r.who === 'partner' && !r.partnerId)
      ctx.addIssue({ code: 'custom', path: ['partnerId'], message: '担う相手を一覧から選んでください' })
  })

export const statusSchema = z.object({ status: v.oneOf('状態', codes(STATES)) })

export const agreementSchema = z.object({ agreedOn: v.ymd('合意した日') })

export const reportSchema = z.object({
  periodStart: v.ymd('報告期間の初日'),
  periodEnd: v.ymd('報告期間の末日'),
  activities: v.text('活動の内容', { max: 4000 }),
})

/** Period checks of a report: inside the project's period, start before end. */
export function reportProblems(
  r: { periodStart: string | null; periodEnd: string | null },
  p: { startOn: string; endOn: string | null },
): FieldErrors {
  const e: FieldErrors = {}
  const span = `${p.startOn}〜${p.endOn ?? ''}`
  if (r.periodStart && r.periodEnd && r.periodEnd < r.periodStart)
    e.periodEnd = '報告期間の末日は初日と同じ日かそれより後の日付を入力してください'
  if (r.periodStart && (r.periodStart < p.startOn || (p.endOn && r.periodStart > p.endOn)))
    e.periodStart = `報告期間の初日は事業の期間（${span}）の中の日付を入力してください`
  if (r.periodEnd && (r.periodEnd < p.startOn || (p.endOn && r.periodEnd > p.endOn)))
    e.periodEnd ??= `報告期間の末日は事業の期間（${span}）の中の日付を入力してください`
  return e
}

export const evaluationSchema = z
  .object({
    kind: v.oneOf('評価の種類', codes(EVALUATION_KINDS)),
    fiscalYear: z.preprocess((x) => (x === '' ? undefined : x), fiscalYear('年度').optional()),
    achievement: v.text('事業目的の達成度', { max: 3000 }),
    groupBenefit: v.optionalText('団体にとっての事業メリット', { max: 3000 }),
    cityBenefit: v.optionalText('市にとっての事業メリット', { max: 3000 }),
    issues: v.optionalText('残された課題', { max: 3000 }),
    outcome: v.oneOf('成果', codes(OUTCOMES)),
  })
  .superRefine((e, ctx) => {
    if (e.kind === 'year_end' && !e.fiscalYear)
      ctx.addIssue({
        code: 'custom',
        path: ['fiscalYear'],
        message: '年度末の評価は年度を入力してください（例：令和8年度）',
      })
  })

export const commentSchema = z.object({
  kind: v.oneOf('評価の種類', codes(EVALUATION_KINDS)),
  fiscalYear: z.preprocess((x) => (x === '' ? undefined : x), fiscalYear('年度').optional()),
  comment: v.text('コーディネーターのコメント', { max: 3000 }),
})

export const followupSchema = z
  .object({
    continuation: v.oneOf('継続の状況', codes(CONTINUATIONS)),
    carrier: z.preprocess((x) => (x === '' ? undefined : x), v.oneOf('担い手', codes(CARRIERS)).optional()),
    stopReason: v.optionalText('終了した理由', { max: 2000 }),
    note: v.optionalText('備考', { max: 2000 }),
  })
  .superRefine((f, ctx) => {
    if (continues(f.continuation) && !f.carrier)
      ctx.addIssue({
        code: 'custom',
        path: ['carrier'],
        message: '続けている場合は、いまの担い手を選んでください',
      })
    if (f.continuation === 'stopped' && !f.stopReason)
      ctx.addIssue({ code: 'custom', path: ['stopReason'], message: '終了した理由を入力してください' })
  })

// ------------------------------------------------------------------ continuation

export interface ContinuationRow {
  form: string
  origin: string
  endOn: string
  continuation: string
}

/** Share of followed-up projects that continue, overall and by a key. */
export function continuationRates(list: ContinuationRow[]) {
  const by = (key: (r: ContinuationRow) => string) => {
    const m = new Map<string, { total: number; continued: number }>()
    for (const r of list) {
      const k = key(r)
      const x = m.get(k) ?? { total: 0, continued: 0 }
      x.total++
      if (continues(r.continuation)) x.continued++
      m.set(k, x)
    }
    return [...m].map(([k, x]) => ({ key: k, ...x, rate: x.total ? x.continued / x.total : 0 }))
  }
  const continued = list.filter((r) => continues(r.continuation)).length
  return {
    total: list.length,
    continued,
    rate: list.length ? continued / list.length : 0,
    byForm: by((r) => r.form),
    byOrigin: by((r) => r.origin),
    byYear: by((r) => String(fiscalYearOfYmd(r.endOn))).sort((a, b) => a.key.localeCompare(b.key)),
  }
}

/** A budget's fiscal year must fall within the project's period (when the period is known). */
export function budgetYearProblem(
  fiscalYear: number,
  p: { startOn: string; endOn: string | null },
): string | null {
  const first = fiscalYearOfYmd(p.startOn)
  const last = p.endOn ? fiscalYearOfYmd(p.endOn) : null
  if (fiscalYear < first || (last !== null && fiscalYear > last))
    return `年度は事業の期間（${first}年度〜${last !== null ? `${last}年度` : ''}）の中で入力してください`
  return null
}

// ------------------------------------------------------------------ PDCA self-check

export const CHECK_ANSWERS = [
  { code: 'yes', label: 'できている' },
  { code: 'partly', label: '一部できている' },
  { code: 'no', label: 'できていない' },
] as const

/** One stage's answers: item0 … item{n-1}, each required. */
export function checklistSchema(items: readonly string[]) {
  return z.object(
    Object.fromEntries(
      items.map((_, i) => [`item${i}`, v.oneOf(`項目${i + 1}「${items[i]}」の答え`, codes(CHECK_ANSWERS))]),
    ),
  )
}

/** Items (0-based) where both sides have answered and the answers differ. */
export function checklistDifferences(group: string[] | undefined, city: string[] | undefined): number[] {
  if (!group || !city) return []
  return group.flatMap((a, i) => (city[i] !== undefined && city[i] !== a ? [i] : []))
}

// ------------------------------------------------------------------ case library

/** States in which a project can be published as a case (it has come to an end). */
export const CASE_STATES = ['ended', 'follow_up', 'completed']

export const caseSchema = (fieldCodes: readonly string[]) =>
  z.object({
    caseIssue: v.text('解決したかった課題', { max: 3000 }),
    caseOutcome: v.text('成果', { max: 3000 }),
    caseLessons: v.text('学んだこと・これから取り組む方へ', { max: 3000 }),
    caseFields: v.manyOf('分野', fieldCodes as [string, ...string[]]),
  })
