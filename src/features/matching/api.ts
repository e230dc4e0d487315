import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { getGroup } from './candidates.ts'
import { interestSchema, isoDatesToParts, needSchema, offerSchema } from './domain.ts'
import * as svc from './service.ts'

export const matchingApi = new OpenAPIHono<AppEnv>()

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

const pickNeed = (n: svc.Need) => ({
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

matchingApi.openapi(
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
    const r = await svc.listNeeds(ctx, { ...q, page: Math.max(1, Number(q.page ?? 1) || 1) })
    return c.json({ total: r.total, items: r.items.map(pickNeed) }, 200)
  },
)

matchingApi.openapi(
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
    const lk = await svc.lookups(ctx)
    const r = validate(needSchema(lk.fields.map((f) => f.code)), { visibility: 'public', ...body })
    if (!r.ok) throw validationFailed(r.errors)
    const more = await svc.checkNeedRefs(ctx, r.data as svc.NeedInput)
    if (Object.keys(more).length) throw validationFailed(more)
    const n = await svc.createNeed(ctx, r.data as svc.NeedInput)
    return c.json(pickNeed(n), 201)
  },
)

matchingApi.openapi(
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
    const n = await svc.getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    return c.json(pickNeed(n), 200)
  },
)

const Match = z
  .object({ groupId: z.string(), groupName: z.string(), score: z.number(), reasons: z.array(z.string()) })
  .openapi('GroupMatch')

matchingApi.openapi(
  createRoute({
    method: 'get',
    path: '/needs/{id}/matches',
    tags: ['matching'],
    summary: '協働ニーズに合う団体（理由付き、適合度順）',
    security,
    middleware: [allow('need.mine')] as const,
    request: { params: Id, query: z.object({ limit: z.string().optional() }) },
    responses: { 200: jsonOk(z.object({ items: z.array(Match) })), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('協働ニーズ')
    const n = await svc.getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    await authorize(c, 'need.edit', n)
    const limit = Math.min(50, Math.max(1, Number(c.req.valid('query').limit ?? 10) || 10))
    const items = await svc.matchGroupsForNeed(ctx, n, limit)
    return c.json(
      {
        items: items.map((m) => ({
          groupId: m.groupId,
          groupName: m.groupName,
          score: m.score,
          reasons: m.reasons,
        })),
      },
      200,
    )
  },
)

const NeedMatch = z
  .object({ needId: z.string(), title: z.string(), score: z.number(), reasons: z.array(z.string()) })
  .openapi('NeedMatch')

matchingApi.openapi(
  createRoute({
    method: 'get',
    path: '/groups/{id}/matches',
    tags: ['matching'],
    summary: '団体に合う協働ニーズ（理由付き、適合度順）',
    security,
    middleware: [allow('notifications.view')] as const,
    request: { params: Id },
    responses: { 200: jsonOk(z.object({ items: z.array(NeedMatch) })), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('団体')
    const g = await getGroup(ctx, id)
    if (
      !g ||
      (g.status !== 'published' &&
        !groupRolesOf(ctx.actor)[id] &&
        !ctx.actor?.isCoordinator &&
        !ctx.actor?.isAdmin)
    )
      throw notFound('団体')
    await authorize(c, 'group.matches', g)
    const items = await svc.matchNeedsForGroup(ctx, g, 10)
    return c.json(
      { items: items.map((m) => ({ needId: m.needId, title: m.title, score: m.score, reasons: m.reasons })) },
      200,
    )
  },
)

const OfferIn = z
  .object({
    groupId: z.unknown().optional().openapi({ type: 'string' }),
    title: z.unknown().optional().openapi({ type: 'string' }),
    body: z.unknown().optional().openapi({ type: 'string' }),
    fields: z
      .unknown()
      .optional()
      .openapi({ type: 'array', items: { type: 'string' } }),
  })
  .passthrough()
  .openapi('OfferInput', { description: 'areaIds, citywide, forms, resources, timing も指定できます。' })

matchingApi.openapi(
  createRoute({
    method: 'post',
    path: '/offers',
    tags: ['offers'],
    summary: '団体の「できること・協働したいこと」を登録（団体メンバー）',
    security,
    middleware: [allow('offer.create')] as const,
    request: jsonBody(OfferIn),
    responses: {
      201: jsonOk(z.object({ id: z.string(), groupId: z.string(), title: z.string() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    if (body.citywide === true) body.citywide = 'true'
    const lk = await svc.lookups(ctx)
    const r = validate(offerSchema(lk.fields.map((f) => f.code)), body)
    if (!r.ok) throw validationFailed(r.errors)
    const o = await svc.createOffer(ctx, r.data)
    return c.json({ id: o.id, groupId: o.groupId, title: o.title }, 201)
  },
)

matchingApi.openapi(
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
    const n = await svc.getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    const r = validate(interestSchema, await c.req.json().catch(() => ({})))
    if (!r.ok) throw validationFailed(r.errors)
    await svc.expressInterest(ctx, n, r.data.groupId, r.data.message)
    return c.json({ ok: true }, 200)
  },
)
