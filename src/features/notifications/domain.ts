import { z } from 'zod'
import { NPO_FIELDS } from '../../core/vocabulary.ts'
import { v } from '../../core/validation.ts'

/** Pure rules of notifications and follow settings. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const FIELD_CODES = NPO_FIELDS.map((f) => f.code)
const uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

export const DIGESTS = [
  { code: 'immediate', label: 'すぐに（公開されたとき、1件ずつ）' },
  { code: 'daily', label: '毎日' },
  { code: 'weekly', label: '毎週' },
  { code: 'none', label: '受け取らない' },
] as const

export const followSchema = (fieldCodes: readonly string[] = FIELD_CODES) =>
  z.object({
    fields: v.manyOf('分野', fieldCodes as [string, ...string[]]),
    areaIds: uuidList('地区'),
    digest: v.oneOf('お知らせの頻度', codes(DIGESTS)),
    /** The checkbox of the settings page ('yes' or absent); undefined when the form had no such box. */
    mailNotices: z.preprocess(
      (x) => (x === undefined ? undefined : x === 'yes' || x === true || x === 'on'),
      z.boolean().optional(),
    ),
  })
