import { z } from 'zod'
import { v } from '../../core/validation.ts'

export const HANDOVER_STATUSES = [
  { code: 'pending', label: '確認待ち' },
  { code: 'acknowledged', label: '確認済み' },
] as const

/** Days after which a successor who has not acknowledged is reminded (once). */
export const REMIND_AFTER_DAYS = 3

/** The hand-over form (pages and the JSON API share it); every message names its field. */
export const handoverSchema = z
  .object({
    fromUserId: z.string().uuid({ error: '引き継ぐ人を選んでください' }),
    toUserId: z.string({ error: '後任者を選んでください' }).uuid({ error: '後任者を選んでください' }),
    items: z.preprocess(
      (x) => (Array.isArray(x) ? x : x ? [x] : []),
      z
        .array(z.string().regex(/^[a-z_]+:[0-9a-f-]{36}$/, { error: '引き継ぐ案件の指定が正しくありません' }))
        .min(1, {
          message: '引き継ぐ案件を1つ以上選んでください',
        }),
    ),
    background: v.text('経緯', { max: 4000 }),
    promises: v.optionalText('約束したこと', { max: 4000 }),
    temperature: v.optionalText('温度感', { max: 2000 }),
  })
  .superRefine((d, ctx) => {
    if (d.fromUserId && d.fromUserId === d.toUserId)
      ctx.addIssue({
        code: 'custom',
        path: ['toUserId'],
        message: '後任者には引き継ぐ人と別の人を選んでください',
      })
  })
export type HandoverInput = z.output<typeof handoverSchema>

export const ackSchema = z.object({ ackNote: v.optionalText('確認のひとこと', { max: 1000 }) })
