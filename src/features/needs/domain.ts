import { z } from 'zod'
import { COLLAB_FORMS, NPO_FIELDS } from '../../core/vocabulary.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { v } from '../../core/validation.ts'

/** Pure rules and vocabularies of needs, hearings and plans. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const FIELD_CODES = NPO_FIELDS.map((f) => f.code)
const uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

export const NEED_STATUSES = [
  { code: 'draft', label: '下書き' },
  { code: 'published', label: '公開' },
  { code: 'coordinating', label: '調整中' },
  { code: 'matched', label: '成立' },
  { code: 'unmatched', label: '不成立' },
  { code: 'withdrawn', label: '取り下げ' },
] as const
export type NeedStatus = (typeof NEED_STATUSES)[number]['code']

/** Which status a need may move to from which. */
export const NEED_TRANSITIONS: Record<string, string[]> = {
  draft: ['published', 'withdrawn'],
  published: ['coordinating', 'matched', 'unmatched', 'withdrawn', 'draft'],
  coordinating: ['published', 'matched', 'unmatched', 'withdrawn'],
  matched: ['coordinating'],
  unmatched: ['published'],
  withdrawn: ['draft'],
}

export const VISIBILITIES = [
  { code: 'public', label: '一般公開' },
  { code: 'staff', label: '庁内限定（市職員のみ）' },
] as const

/** What the city can bring besides budget. */
export const CITY_OFFERS = [
  { code: 'facilities', label: '施設の提供' },
  { code: 'publicity', label: '広報（市報・ホームページ等）' },
  { code: 'coordination', label: '庁内・関係機関との調整' },
  { code: 'information', label: '情報の提供' },
] as const

/** What the city looks for in a partner. */
export const PARTNER_WANTS = [
  { code: 'expertise', label: '専門性' },
  { code: 'people', label: '人手' },
  { code: 'network', label: 'ネットワーク' },
  { code: 'place', label: '場所' },
] as const

/** Today in Tokyo, YYYY-MM-DD. */
export const todayYmd = () => ymdInTokyo(new Date())

/**
 * The need form (pages and JSON API share it). Dates arrive as {year, month, day}
 * (the API converts YYYY-MM-DD strings first). Fields are named in every message.
 */
export const needSchema = (fieldCodes: readonly string[] = FIELD_CODES) =>
  z
    .object({
      departmentId: v.uuid('担当課'),
      title: v.text('件名', { max: 100 }),
      situation: v.text('現状と課題', { max: 4000 }),
      goal: v.text('目指す姿', { max: 2000 }),
      planIds: uuidList('関連する計画・施策'),
      hasBudget: z.preprocess((x) => x ?? 'no', v.oneOf('予算の有無', ['yes', 'no'] as const)),
      budgetLimit: v.int('予算の上限額', { min: 0, max: 1_000_000_000, optional: true }),
      cityOffers: v.manyOf('市が提供できること', codes(CITY_OFFERS)),
      cityOffersNote: v.optionalText('市が提供できることの補足', { max: 1000 }),
      partnerWants: v.manyOf('協働相手に求めること', codes(PARTNER_WANTS)),
      partnerNote: v.optionalText('協働相手に求めることの補足', { max: 1000 }),
      forms: v.manyOf('協働の形態', codes(COLLAB_FORMS), { min: 1 }),
      fields: v.manyOf('分野', fieldCodes as [string, ...string[]], { min: 1 }),
      areaIds: uuidList('地区'),
      citywide: v.checkbox(),
      periodStart: v.ymd('実施期間（開始）', false),
      periodEnd: v.ymd('実施期間（終了）', false),
      deadline: v.ymd('回答期限', false).refine((d) => !d || d >= todayYmd(), {
        error: '回答期限は今日以降の日付を入力してください（過去の日付は指定できません）',
      }),
      visibility: v.oneOf('公開範囲', codes(VISIBILITIES)),
      status: z.preprocess((x) => x ?? 'draft', v.oneOf('状態', ['draft', 'published'] as const)),
    })
    .superRefine((d, ctx) => {
      if (d.deadline && d.deadline < todayYmd())
        ctx.addIssue({
          code: 'custom',
          path: ['deadline'],
          message: '回答期限は今日以降の日付を入力してください（過去の日付は指定できません）',
        })
      if (d.periodStart && d.periodEnd && d.periodEnd < d.periodStart)
        ctx.addIssue({
          code: 'custom',
          path: ['periodEnd'],
          message: '実施期間（終了）は開始日以降の日付を入力してください',
        })
      if (d.hasBudget === 'no' && d.budgetLimit)
        ctx.addIssue({
          code: 'custom',
          path: ['budgetLimit'],
          message: '予算の上限額は「予算あり」のときに入力してください',
        })
    })

export const needEditSchema = (fieldCodes?: readonly string[]) => needSchema(fieldCodes)

export const interestSchema = z.object({
  groupId: v.uuid('団体'),
  message: v.optionalText('メッセージ', { max: 500 }),
})

export const planSchema = z.object({
  name: v.text('計画・施策の名称', { max: 120 }),
  description: v.optionalText('説明', { max: 1000 }),
})

export const hearingSchema = z.object({
  title: v.text('ヒアリング名', { max: 100 }),
  message: v.optionalText('各課への依頼文', { max: 2000 }),
  dueOn: v.ymd('回答期限'),
})

export const hearingAnswerSchema = z
  .object({
    answer: v.oneOf('回答', ['needs', 'none'] as const),
    reason: v.optionalText('理由', { max: 1000 }),
  })
  .superRefine((d, ctx) => {
    if (d.answer === 'none' && !d.reason.trim())
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '「今年度はなし」の理由を入力してください' })
  })

/** YYYY-MM-DD strings (JSON API) → the {year, month, day} parts the schemas read. */
export function isoDatesToParts(body: Record<string, unknown>, names: string[]) {
  const out: Record<string, unknown> = { ...body }
  for (const n of names) {
    const x = body[n]
    if (typeof x === 'string' && x) {
      const [year, month, day] = x.split('-')
      out[n] = { year: year ?? '', month: month ?? '', day: day ?? '' }
    } else out[n] = { year: '', month: '', day: '' }
  }
  return out
}
