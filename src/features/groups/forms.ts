import { z } from 'zod'
import { v } from '../../core/validation.ts'
import { ACTOR_KINDS, LEGAL_FORMS, RESOURCES } from '../../core/vocabulary.ts'
import { CONTACT_FIELDS, DOCUMENT_KINDS, STAGES } from './domain.ts'
import type { Visibility } from './schema.ts'

const codes = <T extends { code: string }>(xs: readonly T[]) => xs.map((x) => x.code) as [string, ...string[]]

const url = (label: string) =>
  z.preprocess(
    (x) => (typeof x === 'string' ? x.normalize('NFKC').trim() : (x ?? '')),
    z
      .string()
      .max(500, { error: `${label}は500文字以内で入力してください` })
      .refine((s) => s === '' || /^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(s), {
        error: `${label}は https:// から始まるURLで入力してください（例：https://example.jp）`,
      }),
  )

const thisYear = new Date().getFullYear()

/** Codes from the city's list, or (no list given: the API document) any codes. */
const codeList = (label: string, values: string[] | undefined, min = 0) =>
  values
    ? v.manyOf(label, (values.length ? values : ['none']) as [string, ...string[]], { min })
    : z.preprocess(
        (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
        z.array(z.string()).min(min, { error: `${label}を${min}つ以上選んでください` }),
      )

/**
 * The profile fields (the form, and the JSON body of the API). Fields and areas are the city's
 * own lists; without them any codes pass (the shape the API document shows).
 * Contact visibility comes as vis_<field>.
 */
export function groupFields(fieldCodes?: string[], areaIds?: string[]) {
  const vis = z.preprocess(
    (x) => (x === undefined || x === '' ? undefined : x),
    z.enum(['public', 'staff', 'coordinator']).optional(),
  )
  return z.object({
    name: v.text('団体名', { max: 100 }),
    nameKana: v.kana('団体名（フリガナ）', { required: true, max: 200 }),
    actorKind: v.oneOf('団体の種類', codes(ACTOR_KINDS)),
    legalForm: v.oneOf('法人格・組織形態', codes(LEGAL_FORMS)),
    fields: codeList('活動分野', fieldCodes, 1),
    areaIds: codeList('活動地区', areaIds),
    citywide: v.checkbox(),
    purpose: v.text('活動の目的', { max: 2000 }),
    activities: v.text('主な活動内容', { max: 4000 }),
    expertise: v.optionalText('専門性・得意なこと', { max: 2000 }),
    resources: v.manyOf('提供できる資源', codes(RESOURCES)),
    resourcesNote: v.optionalText('資源の補足', { max: 1000 }),
    trackRecord: v.optionalText('活動実績', { max: 4000 }),
    wantsToDo: v.optionalText('市と協働したいこと', { max: 2000 }),
    wantsCollaboration: v.checkbox(),
    foundedYear: v.year('設立年', { min: 1868, max: thisYear, optional: true }),
    memberCount: v.int('構成員数', { min: 0, max: 1_000_000, optional: true }),
    stage: z.preprocess(
      (x) => x ?? '',
      z.enum(['', ...codes(STAGES)], { error: '活動段階を一覧から選んでください' }),
    ),
    website: url('ウェブサイト'),
    socialLinks: z.preprocess(
      // Only strings are turned into links; anything else (e.g. {"toString":1}, which String()
      // cannot convert) is left for the schema to refuse with 422.
      (x) =>
        x !== null && typeof x === 'object' && !Array.isArray(x)
          ? x
          : (Array.isArray(x) ? x : String(x ?? '').split(/\r?\n/))
              .map((s: unknown) => (typeof s === 'string' ? s.normalize('NFKC').trim() : s))
              .filter((s: unknown) => s !== ''),
      z
        .array(
          z.string().regex(/^https?:\/\/[^\s<>"]+$/, {
            error: 'SNSのリンクは1行に1つ、https:// から始まるURLで入力してください',
          }),
        )
        .max(10, { error: 'SNSのリンクは10件までです' }),
    ),
    representativeName: v.optionalText('代表者名', { max: 100 }),
    contactName: v.optionalText('連絡担当者名', { max: 100 }),
    contactEmail: v.optionalEmail('連絡先メールアドレス'),
    contactPhone: v.phone('連絡先電話番号'),
    postalCode: v.postalCode('郵便番号'),
    address: v.optionalText('所在地', { max: 200 }),
    addressBuilding: v.optionalText('所在地（建物名・部屋番号）', { max: 100 }),
    ...(Object.fromEntries(CONTACT_FIELDS.map((f) => [`vis_${f.key}`, vis])) as Record<
      `vis_${(typeof CONTACT_FIELDS)[number]['key']}`,
      typeof vis
    >),
  })
}

/** The profile form with the city's lists, turned into a GroupInput. */
export function groupSchema(fieldCodes: string[], areaIds: string[]) {
  return groupFields(fieldCodes, areaIds).transform((d: any) => {
    const contactVisibility: Record<string, Visibility> = {}
    for (const f of CONTACT_FIELDS) {
      contactVisibility[f.key] = d[`vis_${f.key}`] ?? f.default
      delete d[`vis_${f.key}`]
    }
    return { ...d, contactVisibility } as GroupInput
  })
}

export interface GroupInput {
  name: string
  nameKana: string
  actorKind: string
  legalForm: string
  fields: string[]
  areaIds: string[]
  citywide: boolean
  purpose: string
  activities: string
  expertise: string
  resources: string[]
  resourcesNote: string
  trackRecord: string
  wantsToDo: string
  wantsCollaboration: boolean
  foundedYear: number | null
  memberCount: number | null
  stage: string
  website: string
  socialLinks: string[]
  representativeName: string
  contactName: string
  contactEmail: string
  contactPhone: string
  postalCode: string
  address: string
  addressBuilding: string
  contactVisibility: Record<string, Visibility>
}

export const LABELS: Record<string, string> = {
  name: '団体名',
  nameKana: '団体名（フリガナ）',
  actorKind: '団体の種類',
  legalForm: '法人格・組織形態',
  fields: '活動分野',
  areaIds: '活動地区',
  citywide: '市内全域',
  purpose: '活動の目的',
  activities: '主な活動内容',
  expertise: '専門性・得意なこと',
  resources: '提供できる資源',
  resourcesNote: '資源の補足',
  trackRecord: '活動実績',
  wantsToDo: '市と協働したいこと',
  wantsCollaboration: '協働を希望する',
  foundedYear: '設立年',
  memberCount: '構成員数',
  stage: '活動段階',
  website: 'ウェブサイト',
  socialLinks: 'SNSのリンク',
  logoPath: 'ロゴ',
  contactVisibility: '連絡先の公開範囲',
  status: '状態',
  reviewComment: '審査コメント',
  ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f.key, f.label])),
}

export const reviewSchema = z.object({
  action: z.enum(['approve', 'return', 'suspend', 'archive'], { error: '操作を選んでください' }),
  comment: v.optionalText('コメント', { max: 2000 }),
})

export const inviteSchema = z.object({
  email: v.email('招待するメールアドレス'),
  groupRole: z.enum(['owner', 'editor'], { error: '役割を一覧から選んでください' }).default('editor'),
})

export const documentSchema = z.object({
  kind: v.oneOf('書類の種類', codes(DOCUMENT_KINDS)),
  title: v.optionalText('書類の名前', { max: 200 }),
  isPublic: v.checkbox(),
})

export const conditionsSchema = z.object({
  minMembers: v.int('最低構成員数', { min: 0, max: 1000 }),
  requireRules: v.checkbox(),
  activeInCity: v.checkbox(),
  nonPolitical: v.checkbox(),
  note: v.optionalText('補足', { max: 2000 }),
})
