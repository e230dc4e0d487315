import { z } from 'zod'
import { COLLAB_FORMS, NPO_FIELDS, RESOURCES } from '../../core/vocabulary.ts'
import { v } from '../../core/validation.ts'

/** Pure rules and vocabularies of offers and the 協働メニュー. */

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const FIELD_CODES = NPO_FIELDS.map((f) => f.code)
const uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

export const MENU_KINDS = [
  { code: 'facility', label: '施設の利用' },
  { code: 'sponsorship', label: '後援名義' },
  { code: 'publicity', label: '市報等での広報' },
  { code: 'subsidy', label: '補助金・助成金' },
  { code: 'consultation', label: '担当課への相談' },
  { code: 'other', label: 'その他' },
] as const

export const offerSchema = (fieldCodes: readonly string[] = FIELD_CODES) =>
  z.object({
    groupId: v.uuid('団体'),
    title: v.text('件名', { max: 100 }),
    body: v.text('できること・協働したいこと', { max: 4000 }),
    fields: v.manyOf('分野', fieldCodes as [string, ...string[]], { min: 1 }),
    areaIds: uuidList('地区'),
    citywide: v.checkbox(),
    forms: v.manyOf('協働の形態', codes(COLLAB_FORMS)),
    resources: v.manyOf('提供できる資源', codes(RESOURCES)),
    timing: v.optionalText('時期', { max: 200 }),
  })

export const menuSchema = z.object({
  kind: v.oneOf('種類', codes(MENU_KINDS)),
  title: v.text('名称', { max: 100 }),
  description: v.optionalText('内容', { max: 2000 }),
  departmentId: z.preprocess((x) => (x === '' ? undefined : x), v.uuid('担当課').optional()),
  conditions: v.optionalText('条件', { max: 1000 }),
  howToApply: v.optionalText('申請方法', { max: 1000 }),
})
