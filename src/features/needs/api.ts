import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { interestSchema, isoDatesToParts, needSchema } from './domain.ts'
import {
  type Need,
  type NeedInput,
  checkNeedRefs,
  createNeed,
  expressInterest,
  getNeed,
  listNeeds,
  lookups,
} from './service.ts'

export const needsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const NeedOut = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    title: z.string(),
    situation: z.string(),
    goal: z.string(),
    status: z.string(),
    visibility: z.string(),
    fields: z.array(z.string()),
    forms: z.array(z.string()),
    areaIds: z.array(z.string()),
    citywide: z.boolean(),
    hasBudget: z.boolean(),
    budgetLimit: z.number().nullable(),
    deadline: z.string().nullable(),
  })
  .openapi('Need')

const NeedIn = z
  .object({
    departmentId: z.unknown().optional().openapi({ type: 'string' }),
    title: z.unknown().optional().openapi({ type: 'string' }),
    situation: z.unknown().optional().openapi({ type: 'string' }),
    goal: z.unknown().optional().openapi({ type: 'string' }),
    forms: z
      .unknown()
      .optional()
      .openapi({ type: 'array', items: { type: 'string' }, example: ['co_host'] }),
    fields: z
      .unknown()
      .optional()
      .openapi({ type: 'array', items: { type: 'string' }, example: ['health_welfare'] }),
    budgetLimit: z.unknown().optional().openapi({ type: 'integer' }),
    deadline: z.unknown().optional().openapi({ type: 'string', example: '2026-12-01' }),
  })
  .passthrough()
  .openapi('NeedInput', {
    description:
      '協働ニーズ。hasBudget (yes|no), planIds, cityOffers, partnerWants, areaIds, citywide, periodStart, periodEnd, visibility (public|staff), status (draft|published) も指定できます。日付は YYYY-MM-DD。',
  })

const pickNeed = (n: Need) => ({
  id: n.id,
  departmentId: n.departmentId,
  title: n.title,
  situation: n.situation,
  goal: n.goal,
  status: n.status,
  visibility: n.visibility,
  fields: n.fields,
  forms: n.forms,
  areaIds: n.areaIds,
  citywide: n.citywide,
  hasBudget: n.hasBudget,
  budgetLimit: n.budgetLimit,
  deadline: n.deadline,
})

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/needs',
    tags: ['needs'],
    summary: '協働ニーズの一覧（検索: q, field, form, department）',
    request: {
      query: z.object({
        q: z.string().optional(),
        field: z.string().optional(),
        form: z.string().optional(),
        department: z.string().optional(),
        page: z.string().optional(),
      }),
    },
    responses: { 200: jsonOk(z.object({ total: z.number(), items: z.array(NeedOut) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const q = c.req.valid('query')
    const r = await listNeeds(ctx, { ...q, page: Math.max(1, Number(q.page ?? 1) || 1) })
    return c.json({ total: r.total, items: r.items.map(pickNeed) }, 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'post',
    path: '/needs',
    tags: ['needs'],
    summary: '協働ニーズを登録（担当課職員・コーディネーター）',
    security,
    middleware: [allow('need.create')] as const,
    request: jsonBody(NeedIn),
    responses: { 201: jsonOk(NeedOut, '登録した協働ニーズ'), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = isoDatesToParts((await c.req.json().catch(() => ({}))) as Record<string, unknown>, [
      'periodStart',
      'periodEnd',
      'deadline',
    ])
    if (body.citywide === true) body.citywide = 'true'
    if (typeof body.budgetLimit === 'number') body.budgetLimit = String(body.budgetLimit)
    if (body.budgetLimit !== undefined && body.hasBudget === undefined) body.hasBudget = 'yes'
    const lk = await lookups(ctx)
    const r = validate(needSchema(lk.fields.map((f) => f.code)), { visibility: 'public', ...body })
    if (!r.ok) throw validationFailed(r.errors)
    const more = await checkNeedRefs(ctx, r.data as NeedInput)
    if (Object.keys(more).length) throw validationFailed(more)
    const n = await createNeed(ctx, r.data as NeedInput)
    return c.json(pickNeed(n), 201)
  },
)

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/needs/{id}',
    tags: ['needs'],
    summary: '協働ニーズ1件',
    request: { params: Id },
    responses: { 200: jsonOk(NeedOut), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('協働ニーズ')
    const n = await getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    return c.json(pickNeed(n), 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'post',
    path: '/needs/{id}/interest',
    tags: ['needs'],
    summary: '「関心があります」を送る（団体メンバー）',
    security,
    middleware: [allow('need.interest')] as const,
    request: {
      params: Id,
      ...jsonBody(
        z
          .object({
            groupId: z.unknown().optional().openapi({ type: 'string' }),
            message: z.unknown().optional().openapi({ type: 'string' }),
          })
          .openapi('InterestInput'),
      ),
    },
    responses: { 200: jsonOk(z.object({ ok: z.boolean() })), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('協働ニーズ')
    const n = await getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    const r = validate(interestSchema, await c.req.json().catch(() => ({})))
    if (!r.ok) throw validationFailed(r.errors)
    await expressInterest(ctx, n, r.data.groupId, r.data.message)
    return c.json({ ok: true }, 200)
  },
)
