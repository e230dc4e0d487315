import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import type { Ctx } from '../../core/context.ts'
import { createMiddleware } from 'hono/factory'
import { validate } from '../../core/validation.ts'
import { fieldsOf } from '../../core/vocabulary.ts'
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
