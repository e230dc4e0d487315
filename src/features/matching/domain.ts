import { z } from 'zod'
import { NPO_FIELDS } from '../../core/vocabulary.ts'
import { v } from '../../core/validation.ts'

/** Pure rules of pairings: stages and their transitions. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const _FIELD_CODES = NPO_FIELDS.map((f) => f.code)
const _uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

export const STAGES = [
  { code: 'candidate', label: '候補' },
  { code: 'introduced', label: '紹介済み（顔合わせ）' },
  { code: 'negotiating', label: '協議中' },
  { code: 'agreed', label: '合意' },
  { code: 'declined', label: '見送り' },
] as const
export type Stage = (typeof STAGES)[number]['code']

export const STAGE_TRANSITIONS: Record<string, string[]> = {
  candidate: ['introduced', 'declined'],
  introduced: ['negotiating', 'agreed', 'declined'],
  negotiating: ['agreed', 'declined'],
  agreed: [],
  declined: ['candidate'],
}

export const canMoveStage = (from: string, to: string) => (STAGE_TRANSITIONS[from] ?? []).includes(to)

export const stageSchema = z
  .object({
    stage: v.oneOf('段階', codes(STAGES)),
    on: v.ymd('日付'),
    note: v.optionalText('メモ', { max: 2000 }),
    reason: v.optionalText('見送りの理由', { max: 1000 }),
  })
  .superRefine((d, ctx) => {
    if (d.stage === 'declined' && !d.reason.trim())
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '見送りの理由を入力してください' })
  })

export const meetingSchema = z.object({
  title: v.text('会議名', { max: 100 }),
  on: v.ymd('開催日'),
  minutes: v.text('議事録', { max: 8000 }),
  decisions: v.optionalText('決定事項', { max: 2000 }),
})
