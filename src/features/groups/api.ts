import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import type { Ctx } from '../../core/context.ts'
import { createMiddleware } from 'hono/factory'
import { validate } from '../../core/validation.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import { ImportReportSchema, importJob, importParams, importQuery } from '../../core/import/index.ts'
import { JOB_KIND } from './import.ts'
import { fieldWordings, rememberedFieldValues } from '../../core/field-wordings.ts'
import { REVIEW_TRANSITIONS } from './domain.ts'
import { groupFields, groupSchema } from './forms.ts'
import * as io from './io.ts'
import { searchGroups } from './search.ts'
import { directoryQuery, searchParamsFrom } from './search-params.ts'
import * as svc from './service.ts'

export const groupsApi = new OpenAPIHono<AppEnv>()

const ListItem = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string(),
    actorKind: z.string(),
    legalForm: z.string(),
    fields: z.array(z.string()),
    areaIds: z.array(z.string()),
    citywide: z.boolean(),
    purpose: z.string(),
    wantsCollaboration: z.boolean(),
    status: z.string(),
    disclosureLevel: z.number(),
    url: z.string(),
  })
  .openapi('GroupListItem')

const counts = z.record(z.string(), z.number())
const Facets = z
  .object({ field: counts, area: counts, kind: counts, legalForm: counts, wants: z.number() })
  .openapi('GroupFacets')

const GroupProfile = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string(),
    actorKind: z.string(),
    legalForm: z.string(),
    fields: z.array(z.string()),
    areaIds: z.array(z.string()),
    areaNames: z.array(z.string()),
    citywide: z.boolean(),
    purpose: z.string(),
    activities: z.string(),
    expertise: z.string(),
    resources: z.array(z.string()),
    resourcesNote: z.string(),
    trackRecord: z.string(),
    wantsToDo: z.string(),
    wantsCollaboration: z.boolean(),
    foundedYear: z.number().nullable(),
    memberCount: z.number().nullable(),
    stage: z.string(),
    website: z.string(),
    socialLinks: z.array(z.string()),
    hasLogo: z.boolean(),
    status: z.string(),
    disclosureLevel: z.number(),
    renewedFiscalYear: z.number().nullable(),
    lastActivityAt: z.string().openapi({ format: 'date-time' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    contacts: z
      .object({
        representativeName: z.string(),
        contactName: z.string(),
        contactEmail: z.string(),
        contactPhone: z.string(),
        postalCode: z.string(),
        address: z.string(),
        addressBuilding: z.string(),
      })
      .partial()
      .openapi({ description: '閲覧者が見てよい連絡先だけ（見られない項目は含まない）' }),
    documents: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        title: z.string(),
        fileName: z.string(),
        size: z.number(),
        isPublic: z.boolean(),
      }),
    ),
  })
  .openapi('GroupProfile')

const profileOut = (p: svc.ProfileView): z.infer<typeof GroupProfile> => ({
  ...p,
  lastActivityAt: p.lastActivityAt.toISOString(),
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
})

/** The profile as the API accepts it (field and area codes are then checked against the city's lists). */
const GroupBody = groupFields().openapi('GroupInput')
const GroupCreateBody = groupFields()
  .extend({
    submit: z.boolean().optional().openapi({ description: 'true で登録と同時に審査を申請' }),
    checklist: z
      .record(z.string(), z.boolean())
      .optional()
      .openapi({ description: '登録条件の確認（条件コード → true）' }),
  })
  .openapi('GroupCreateInput')
const GroupStatus = z.object({ id: z.string(), status: z.string() }).openapi('GroupStatus')

/** The body again, with the city's own field codes and areas. */
async function withCityLists(ctx: Ctx, body: unknown) {
  const areas = await svc.listAreas(ctx)
  const schema = groupSchema(
    fieldsOf(ctx.municipality.settings).map((f) => f.code),
    areas.map((a) => a.id),
  )
  const parsed = validate(schema, body)
  if (!parsed.ok) throw validationFailed(parsed.errors)
  return parsed.data
}

/** PATCH refuses (404, 403) before it reads the body, as the page does. */
const editableGroup = createMiddleware<AppEnv>(async (c, next) => {
  const id = c.req.param('id')
  if (!isUuid(id)) throw notFound('団体')
  const g = await svc.requireVisibleGroup(c.get('ctx'), id)
  await authorize(c, 'group.edit', g)
  await next()
})

groupsApi.openapi(
  createRoute({
    method: 'get',
    path: '/groups',
    tags: ['groups'],
    summary: '団体の検索（キーワード・分野・地区・種類・法人格、ページ送り）',
    middleware: [allow('group.view')] as const,
    request: { query: directoryQuery },
    responses: {
      200: jsonOk(
        z.object({
          items: z.array(ListItem),
          total: z.number(),
          page: z.number(),
          perPage: z.number(),
          facets: Facets.optional(),
          capped: z
            .boolean()
            .optional()
            .describe('true: more groups match than are ranked; total counts the best 1,000 only'),
        }),
      ),
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const query = c.req.valid('query')
    const r = await searchGroups(ctx, { ...searchParamsFrom(query), facets: query.facets === 'true' })
    return c.json(
      {
        items: r.items.map((g) => ({
          id: g.id,
          name: g.name,
          nameKana: g.nameKana,
          actorKind: g.actorKind,
          legalForm: g.legalForm,
          fields: g.fields,
          areaIds: g.areaIds,
          citywide: g.citywide,
          purpose: g.purpose,
          wantsCollaboration: g.wantsCollaboration,
          status: g.status,
          disclosureLevel: g.disclosureLevel,
          url: `/groups/${g.id}`,
        })),
        total: r.total,
        page: r.page,
        perPage: r.perPage,
        ...(r.facets ? { facets: r.facets } : {}),
        ...(r.capped ? { capped: true } : {}),
      },
      200,
    )
  },
)

groupsApi.openapi(
  createRoute({
    method: 'get',
    path: '/groups/{id}',
    tags: ['groups'],
    summary: '団体のプロフィール（閲覧者の権限で見られる項目だけ）',
    middleware: [allow('group.view')] as const,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonOk(GroupProfile), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('団体')
    const { view } = await svc.loadProfile(ctx, id)
    return c.json(profileOut(view), 200)
  },
)

groupsApi.openapi(
  createRoute({
    method: 'post',
    path: '/groups',
    tags: ['groups'],
    summary: '団体を登録する（submit: true で審査を申請、checklist に条件の確認）',
    security,
    middleware: [allow('group.create')] as const,
    request: { body: { content: { 'application/json': { schema: GroupCreateBody } } } },
    responses: { 201: jsonOk(GroupStatus), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { submit, checklist = {} } = c.req.valid('json')
    const data = await withCityLists(ctx, await c.req.json().catch(() => ({})))
    const after = await svc.registerGroup(ctx, data, { submit: submit === true, checklist })
    return c.json({ id: after.id, status: after.status }, 201)
  },
)

groupsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/groups/{id}',
    tags: ['groups'],
    summary: '団体の情報を更新する（全項目を送る）',
    security,
    middleware: [allow('group.create'), editableGroup] as const,
    request: {
      params: z.object({ id: z.string() }),
      body: { content: { 'application/json': { schema: GroupBody } } },
    },
    responses: { 200: jsonOk(GroupStatus), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    c.req.valid('json')
    const data = await withCityLists(ctx, await c.req.json().catch(() => ({})))
    const after = await svc.updateGroup(ctx, await svc.requireVisibleGroup(ctx, id), data)
    return c.json({ id: after.id, status: after.status }, 200)
  },
)

const GroupImportReport = ImportReportSchema.extend({
  totalRows: z.number(),
  format: z.string(),
  status: z.enum(['published', 'pending']),
  kanaGenerated: z.number().openapi({ description: 'フリガナを団体名から自動生成した件数' }),
  unknownFieldValues: z.array(
    z.object({ value: z.string(), nearest: z.array(z.string()), rows: z.array(z.number()) }),
  ),
  duplicates: z.array(
    z.object({
      row: z.number(),
      name: z.string(),
      existingId: z.string().nullable(),
      existingName: z.string(),
      reason: z.string(),
    }),
  ),
  unchanged: z.boolean(),
}).openapi('GroupImportReport')

const jsonObject = (name: string, s: string | undefined): Record<string, string> | undefined => {
  if (!s) return undefined
  try {
    const v = JSON.parse(s)
    if (v && typeof v === 'object' && !Array.isArray(v)) return v
  } catch {}
  throw new AppError(422, 'validation', `${name} はJSONのオブジェクトで指定してください。`, {
    [name]: 'JSONのオブジェクトで指定してください',
  })
}

groupsApi.openapi(
  createRoute({
    method: 'post',
    path: '/groups/import',
    tags: ['groups'],
    summary:
      '団体をCSV・Excel（.xlsx）から取り込む（multipart の file。dryRun は既定 true＝確認のみ。mode=all|good_only、mapping、fieldValues、status、duplicates。Accept: application/x-ndjson で進み具合を1行ずつ返す）',
    security,
    middleware: [allow('group.import')] as const,
    request: {
      query: z.object({
        ...importQuery,
        duplicates: z
          .enum(['skip', 'merge'])
          .optional()
          .openapi({ description: '登録済みの団体と重複しそうな行：skip（既定）か merge（更新）' }),
        status: z.enum(['pending', 'published']).optional().openapi({
          description: '取り込んだ団体の状態：pending（既定・審査待ち）か published（すぐ公開）',
        }),
        fieldValues: z.string().optional().openapi({
          description:
            '一覧にない活動分野の値の対応（JSON）。値 → 分野コード、"" で無視。取り込むと市の設定に記憶され、次回から使われる。例：{"国際交流":"international"}',
        }),
      }),
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: jsonOk(
        GroupImportReport,
        '確認結果または取り込み結果（application/x-ndjson を求めたときは進み具合の行のあとに {"report":…}）',
      ),
      ...errorResponses,
      413: { description: '大きすぎるファイル・行数' },
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const q = c.req.valid('query')
    const type = c.req.header('content-type') ?? ''
    if (!type.includes('multipart/form-data'))
      throw new AppError(422, 'validation', 'ファイルを multipart/form-data の file で送ってください。', {
        file: 'CSVまたはExcelのファイルを選んでください',
      })
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File) || file.size === 0)
      throw new AppError(422, 'validation', 'CSVまたはExcelのファイルを送ってください。', {
        file: 'ファイルを選んでください',
      })
    if (file.size > io.MAX_IMPORT_BYTES)
      throw new AppError(413, 'too_large', 'ファイルが大きすぎます。64MB以下に分けてください。')
    const p = importParams(q, body)
    const pick = (k: string) =>
      (q as Record<string, string | undefined>)[k] ??
      (typeof body[k] === 'string' ? (body[k] as string) : undefined)
    const opts: io.ImportOptions = {
      ...p,
      duplicates: pick('duplicates') === 'merge' ? 'merge' : 'skip',
      status: pick('status') === 'published' ? 'published' : 'pending',
      fieldValues: jsonObject('fieldValues', pick('fieldValues')),
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    if ((c.req.header('accept') ?? '').includes('application/x-ndjson')) {
      const enc = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async start(ctrl) {
          const line = (o: unknown) => ctrl.enqueue(enc.encode(`${JSON.stringify(o)}\n`))
          try {
            const report = await io.importGroups(ctx, bytes, {
              ...opts,
              onProgress: (phase, done, total, errors) => line({ phase, done, total, errors }),
            })
            line({ report })
          } catch (e) {
            line({
              error: e instanceof AppError ? e.code : 'internal',
              message: e instanceof AppError ? e.message : '取り込みに失敗しました。何も書き込んでいません。',
            })
          }
          ctrl.close()
        },
      })
      return new Response(stream, {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
      }) as any
    }
    const r = await io.importGroups(ctx, bytes, opts)
    return c.json(r, 200)
  },
)

const ImportJobStatus = z
  .object({
    id: z.string(),
    state: z.enum(['running', 'done', 'failed', 'interrupted']).openapi({
      description:
        'running（実行中）／done（終わった）／failed（失敗：何も書き込んでいない）／interrupted（サーバーの停止で中断：何も書き込んでいない）',
    }),
    dryRun: z.boolean(),
    phase: z.enum(['read', 'check', 'write']),
    done: z.number().openapi({ description: '確かめた行数（phase=write では書き込んだ件数）' }),
    total: z.number(),
    errors: z.number().openapi({ description: 'ここまでに見つかった問題のある行の数' }),
    message: z.string(),
    url: z.string().openapi({ description: '進み具合と結果の画面' }),
    /** The result, when state=done (a described $ref would be an allOf with an empty member). */
    report: GroupImportReport.optional(),
  })
  .openapi('GroupImportJob')

groupsApi.openapi(
  createRoute({
    method: 'get',
    path: '/groups/import/jobs/{id}',
    tags: ['groups'],
    summary:
      '画面から始めた取り込み（ジョブ）の進み具合と、終わったときの結果（report：state=done のときだけ）。取り込み画面はこれを1秒ごとに読みます（コーディネーター）',
    security,
    middleware: [allow('group.import')] as const,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonOk(ImportJobStatus), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('取り込み')
    const job = await importJob(ctx, JOB_KIND, id)
    if (!job) throw notFound('取り込み')
    const run = job.state === 'done' ? (job.result as { report?: io.ImportReport } | null) : null
    c.header('Cache-Control', 'no-store')
    return c.json(
      {
        id: job.id,
        state: job.state,
        dryRun: job.dryRun,
        phase: job.phase,
        done: job.done,
        total: job.total,
        errors: job.errors,
        message: job.message,
        url: `/groups/import/jobs/${job.id}`,
        ...(run?.report ? { report: run.report } : {}),
      },
      200,
    )
  },
)

const ReviewBody = z.object({ comment: z.string().max(2000).optional() }).openapi('GroupReviewInput')

for (const action of ['approve', 'return'] as const) {
  groupsApi.openapi(
    createRoute({
      method: 'post',
      path: `/groups/{id}/${action}`,
      tags: ['groups'],
      summary:
        action === 'approve'
          ? '審査待ちの団体を承認して公開する（コーディネーター。監査ログに残る）'
          : '審査待ちの団体を差し戻す（comment 必須。コーディネーター。監査ログに残る）',
      security,
      middleware: [allow('group.review')] as const,
      request: {
        params: z.object({ id: z.string() }),
        body: { content: { 'application/json': { schema: ReviewBody } }, required: false },
      },
      responses: {
        200: jsonOk(GroupStatus),
        ...errorResponses,
        409: { description: 'この状態からはできない' },
      },
    }),
    async (c) => {
      const ctx = await authorize(c, 'group.review')
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw notFound('団体')
      const g = await svc.getGroup(ctx, id)
      if (!g || g.status === 'deleted') throw notFound('団体')
      const body = (await c.req.json().catch(() => ({}))) as { comment?: unknown }
      const comment = typeof body.comment === 'string' ? body.comment : ''
      await svc.reviewGroup(ctx, g, action, comment)
      return c.json({ id: g.id, status: REVIEW_TRANSITIONS[action].to }, 200)
    },
  )
}

const FieldOut = z
  .object({
    code: z.string(),
    label: z.string(),
    number: z
      .number()
      .nullable()
      .openapi({ description: '特定非営利活動促進法 別表の号数（市独自の分野は null）' }),
    wordings: z
      .array(z.string())
      .openapi({ description: '取り込みで受け付ける書き方（正式名称・略称・号数）' }),
  })
  .openapi('Field')

groupsApi.openapi(
  createRoute({
    method: 'get',
    path: '/fields',
    tags: ['groups'],
    summary: '市の活動分野の一覧（コード、表示名、取り込みで受け付ける書き方）',
    middleware: [allow('group.view')] as const,
    responses: { 200: jsonOk(z.object({ items: z.array(FieldOut) })) },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const items = fieldWordings(ctx.municipality.settings)
    const remembered = rememberedFieldValues(ctx.municipality.settings)
    for (const [value, code] of Object.entries(remembered)) {
      const f = items.find((x) => x.code === code)
      if (f && !f.wordings.includes(value)) f.wordings.push(value)
    }
    return c.json({ items }, 200)
  },
)
