import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
import { groupSchema } from './forms.ts'
import * as io from './io.ts'
import { searchGroups } from './search.ts'
import * as svc from './service.ts'
import { searchParamsOf } from './routes.tsx'

export const groupsApi = new OpenAPIHono<AppEnv>()

/** A query parameter that may repeat. */
const many = z.union([z.string(), z.array(z.string())]).optional()

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

groupsApi.openapi(
  createRoute({
    method: 'get',
    path: '/groups',
    tags: ['groups'],
    summary: '団体の検索（キーワード・分野・地区・種類・法人格、ページ送り）',
    middleware: [allow('group.view')] as const,
    request: {
      query: z.object({
        q: z
          .string()
          .optional()
          .openapi({ description: 'キーワード（ひらがな・カタカナ・漢字、全角半角どちらでも）' }),
        field: many.openapi({ description: '活動分野コード（繰り返し、またはカンマ区切りで複数可）' }),
        area: many.openapi({ description: '地区ID または citywide（複数可）' }),
        kind: many.openapi({ description: '団体の種類コード（複数可）' }),
        legal_form: many.openapi({ description: '法人格コード（複数可）' }),
        wants: z.string().optional().openapi({ description: 'true で協働希望の団体だけ' }),
        sort: z.enum(['relevance', 'kana', 'newest', 'active']).optional(),
        page: z.string().optional(),
        per_page: z.string().optional(),
      }),
    },
    responses: {
      200: jsonOk(
        z.object({
          items: z.array(ListItem),
          total: z.number(),
          page: z.number(),
          perPage: z.number(),
          facets: z.any().optional(),
        }),
      ),
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const p = searchParamsOf(c as any)
    const r = await searchGroups(ctx, { ...p, facets: c.req.query('facets') === 'true' })
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
    responses: { 200: jsonOk(z.any()), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('団体')
    const { view } = await svc.loadProfile(ctx, id)
    return c.json(view, 200)
  },
)

const fieldCodesAndAreas = async (c: any) => {
  const ctx = c.get('ctx')
  const areas = await svc.listAreas(ctx)
  return groupSchema(
    fieldsOf(ctx.municipality.settings).map((f) => f.code),
    areas.map((a) => a.id),
  )
}

groupsApi.openapi(
  createRoute({
    method: 'post',
    path: '/groups',
    tags: ['groups'],
    summary: '団体を登録する（submit: true で審査を申請、checklist に条件の確認）',
    security,
    middleware: [allow('group.create')] as const,
    responses: { 201: jsonOk(z.object({ id: z.string(), status: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const parsed = validate(await fieldCodesAndAreas(c), body)
    if (!parsed.ok) throw validationFailed(parsed.errors)
    const checklist = (body.checklist ?? {}) as Record<string, boolean>
    const g = await svc.createGroup(ctx, parsed.data, { submit: false, checklist })
    if (body.submit === true) await svc.submitGroup(ctx, g, checklist)
    const after = (await svc.getGroup(ctx, g.id))!
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
    middleware: [allow('group.create')] as const,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonOk(z.object({ id: z.string(), status: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('団体')
    const g = await svc.requireVisibleGroup(ctx, id)
    await authorize(c as any, 'group.edit', g)
    const body = await c.req.json().catch(() => ({}))
    const parsed = validate(await fieldCodesAndAreas(c), body)
    if (!parsed.ok) throw validationFailed(parsed.errors)
    const after = await svc.updateGroup(ctx, g, parsed.data)
    return c.json({ id: after.id, status: after.status }, 200)
  },
)

groupsApi.openapi(
  createRoute({
    method: 'post',
    path: '/groups/import',
    tags: ['groups'],
    summary:
      'CSVから団体を取り込む（multipart の file。dry_run=true で確認だけ、mode=all|good、duplicates=skip|merge）',
    security,
    middleware: [allow('group.import')] as const,
    request: {
      query: z.object({
        dry_run: z.enum(['true', 'false']).optional(),
        mode: z.enum(['all', 'good']).optional(),
        duplicates: z.enum(['skip', 'merge']).optional(),
      }),
    },
    responses: {
      200: jsonOk(
        z
          .object({
            created: z.number(),
            updated: z.number(),
            skipped: z.number(),
            errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
          })
          .openapi('ImportReport'),
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
      throw new AppError(422, 'validation', 'CSVファイルを multipart/form-data の file で送ってください。', {
        file: 'CSVファイルを選んでください',
      })
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File) || file.size === 0)
      throw new AppError(422, 'validation', 'CSVファイルを送ってください。', {
        file: 'CSVファイルを選んでください',
      })
    if (file.size > io.MAX_IMPORT_BYTES)
      throw new AppError(413, 'too_large', 'ファイルが大きすぎます。64MB以下に分けてください。')
    const r = await io.importGroups(ctx, new Uint8Array(await file.arrayBuffer()), {
      dryRun: q.dry_run !== 'false',
      mode: q.mode ?? 'all',
      duplicates: q.duplicates ?? 'skip',
    })
    return c.json(r, 200)
  },
)
