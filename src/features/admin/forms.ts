import { z } from 'zod'
import { v } from '../../core/validation.ts'
import {
  DEPARTMENT_KINDS,
  FISCAL_YEAR_STATUSES,
  isValidMunicipalityCode,
  PREFECTURES,
} from '../organisation/index.ts'

/** Form and API schemas of the administration room (messages name the field in Japanese). */

const optionalUuid = (label: string) =>
  z.preprocess((x) => (x === '' || x === undefined ? null : x), v.uuid(label).nullable())

export const municipalityForm = z.object({
  name: v.text('自治体名', { max: 50 }),
  nameKana: v.kana('自治体名のフリガナ', { required: true }),
  code: z.preprocess(
    (x) => (typeof x === 'string' ? x.normalize('NFKC').trim() : x),
    z
      .string({ error: '全国地方公共団体コードを入力してください' })
      .regex(/^\d{6}$/, { error: '全国地方公共団体コードは半角数字6桁で入力してください（例：132039）' })
      .refine(isValidMunicipalityCode, {
        error:
          '全国地方公共団体コードの検査数字（6桁目）が合いません。コードを確かめてください（例：132039）',
      }),
  ),
  prefecture: v.oneOf('都道府県', PREFECTURES),
  officeName: v.text('協働の窓口（担当課）の名前', { max: 100 }),
  officePhone: v.phone('窓口の電話番号'),
  officeEmail: v.optionalEmail('窓口のメールアドレス'),
})

export const departmentForm = z.object({
  kind: v.oneOf('種別', DEPARTMENT_KINDS),
  parentId: optionalUuid('上位部署'),
  name: v.text('部署名', { max: 100 }),
  nameKana: v.kana('フリガナ'),
  duties: v.optionalText('所掌事務', { max: 2000 }),
  phone: v.phone('電話番号'),
  email: v.optionalEmail('メールアドレス'),
  location: v.optionalText('所在地', { max: 200 }),
  sortOrder: z
    .preprocess((x) => x ?? '', v.int('表示順', { min: 0, max: 999999, optional: true }))
    .transform((n) => n ?? 0),
})

export const areaForm = z.object({
  name: v.text('地区名', { max: 100 }),
  nameKana: v.kana('フリガナ'),
  description: v.optionalText('説明', { max: 1000 }),
  sortOrder: z
    .preprocess((x) => x ?? '', v.int('表示順', { min: 0, max: 999999, optional: true }))
    .transform((n) => n ?? 0),
})

export const fiscalYearStatusForm = z.object({ status: v.oneOf('状態', FISCAL_YEAR_STATUSES) })

export const rolesForm = z.object({
  isAdmin: v.checkbox(),
  isCoordinator: v.checkbox(),
  isReviewer: v.checkbox(),
})

export const INVITE_ROLES = ['staff', 'coordinator', 'reviewer', 'admin'] as const

export const invitationForm = z
  .object({
    email: v.email(),
    role: v.oneOf('役割', INVITE_ROLES),
    departmentId: optionalUuid('所属部署'),
  })
  .superRefine((x, ctx) => {
    if (x.role === 'staff' && !x.departmentId)
      ctx.addIssue({
        code: 'custom',
        path: ['departmentId'],
        message: '担当課職員を招待するときは所属部署を選んでください',
      })
  })

export const auditFilterForm = z.object({
  action: v.optionalText('操作', { max: 100 }),
  actor: v.optionalText('操作した人のメールアドレス', { max: 254 }),
  entityType: v.optionalText('対象の種類', { max: 100 }),
  entityId: v.optionalText('対象のID', { max: 200 }),
  from: v.ymd('期間の開始日', false),
  to: v.ymd('期間の終了日', false),
})
