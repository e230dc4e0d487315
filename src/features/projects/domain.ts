import { z } from 'zod'
import { COLLAB_FORMS, NPO_FIELDS } from '../../core/vocabulary.ts'
import { v } from '../../core/validation.ts'

/** Pure rules of collaboration projects. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const _FIELD_CODES = NPO_FIELDS.map((f) => f.code)
const _uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

export const projectSchema = z.object({
  title: v.text('事業名', { max: 120 }),
  form: v.oneOf('協働の形態', codes(COLLAB_FORMS)),
  startOn: v.ymd('開始日'),
  purpose: v.text('目的', { max: 2000 }),
})
