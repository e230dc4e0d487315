import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { eventSchema, registrationSchema } from './domain.ts'
import {
  type EventRow,
  cancelRegistration,
  createEvent,
  eventLookups,
  getEvent,
  listEvents,
  listRegistrations,
  register,
  seatCounts,
} from './service.ts'

export const eventsApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const EventOut = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    titleKana: z.string(),
    description: z.string(),
    theme: z.string(),
    fields: z.array(z.string()),
    startsAt: z.string().openapi({ example: '2026-07-01T04:30:00.000Z' }),
    endsAt: z.string(),
    online: z.boolean(),
    placeName: z.string(),
    areaId: z.string().uuid().nullable(),
    placeAddress: z.string(),
    capacity: z.number().nullable(),
    registrationDeadline: z.string().nullable(),
    status: z.string(),
    url: z.string(),
  })
  .openapi('Event')

const EventIn = z
  .object({
    kind: z.unknown().optional().openapi({ type: 'string', example: 'presentation' }),
    title: z.unknown().optional().openapi({ type: 'string' }),
    startsAt: z.unknown().optional().openapi({ type: 'string', example: '2026-07-01T13:30+09:00' }),
    endsAt: z.unknown().optional().openapi({ type: 'string', example: '2026-07-01T16:00+09:00' }),
    capacity: z.unknown().optional().openapi({ type: 'integer', example: 40 }),
    registrationDeadline: z
      .unknown()
      .optional()
      .openapi({ type: 'string', example: '2026-06-24T17:00+09:00' }),
  })
  .passthrough()
  .openapi('EventInput', {
    description:
      'イベント。titleKana, description, theme, fields, online (boolean), onlineUrl, placeName, placeAddress, areaId（地区のID）, placeAccess, placeAccessibility, audience, fee, organiserDepartmentIds, organiserGroupIds, contactName, contactPhone, contactEmail, acceptsRegistrations (boolean), status (draft|open) も指定できます。日時は ISO 8601（オフセットなしは日本時間）。',
  })

const RegistrationIn = z
  .object({
    name: z.unknown().optional().openapi({ type: 'string' }),
    email: z.unknown().optional().openapi({ type: 'string' }),
    people: z.unknown().optional().openapi({ type: 'integer', example: 1 }),
    accessibilityNeeds: z.unknown().optional().openapi({ type: 'string' }),
    question: z.unknown().optional().openapi({ type: 'string' }),
  })
  .openapi('RegistrationInput')

const RegistrationOut = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    people: z.number(),
    accessibilityNeeds: z.string(),
    question: z.string(),
    status: z.string(),
    attended: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Registration')

const pick = (e: EventRow) => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  titleKana: e.titleKana,
  description: e.description,
  theme: e.theme,
  fields: e.fields,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  online: e.online,
  placeName: e.placeName,
  areaId: e.areaId,
  placeAddress: e.placeAddress,
  capacity: e.capacity,
  registrationDeadline: e.registrationDeadline?.toISOString() ?? null,
  status: e.status,
  url: `/events/${e.id}`,
})

eventsApi.openapi(
  createRoute({
    method: 'get',
    path: '/events',
    tags: ['events'],
    summary: 'イベントの一覧（kind, field, month=YYYY-MM。month がなければこれからのイベント）',
    request: {
      query: z.object({
        kind: z.string().optional(),
        field: z.string().optional(),
        month: z.string().optional(),
        page: z.string().optional(),
      }),
    },
    responses: { 200: jsonOk(z.object({ total: z.number(), items: z.array(EventOut) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const q = c.req.valid('query')
    const month = q.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(q.month) ? q.month : undefined
    const r = await listEvents(ctx, {
      kind: q.kind,
      field: q.field,
      month,
      upcoming: !month,
      page: Math.max(1, Number(q.page ?? 1) || 1),
    })
    return c.json({ total: r.total, items: r.items.map(pick) }, 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/events',
    tags: ['events'],
    summary: 'イベントを登録（コーディネーター）',
    security,
    middleware: [allow('event.create')] as const,
    request: jsonBody(EventIn),
    responses: { 201: jsonOk(EventOut, '登録したイベント'), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    if (typeof body.capacity === 'number') body.capacity = String(body.capacity)
    if (typeof body.online === 'boolean') body.online = body.online ? 'online' : 'place'
    const lk = await eventLookups(ctx)
    const r = validate(eventSchema(lk.fields.map((f) => f.code)), body)
    if (!r.ok) throw validationFailed(r.errors)
    const e = await createEvent(ctx, r.data)
    return c.json(pick(e), 201)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/events/{id}/registrations',
    tags: ['events'],
    summary: 'イベントに申し込む（誰でも。満席のときはキャンセル待ち）',
    request: { params: Id, ...jsonBody(RegistrationIn) },
    responses: {
      201: jsonOk(
        z.object({
          id: z.string(),
          status: z.enum(['registered', 'waitlisted']),
          cancelToken: z.string().openapi({ description: '取り消しに使う（受付メールにも記載）' }),
        }),
        '受け付けた申込',
      ),
      409: {
        description: '申込の受付期間外',
        content: { 'application/json': { schema: errorResponses[422].content['application/json'].schema } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'event.register')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('イベント')
    const e = await getEvent(ctx, id)
    if (!e) throw notFound('イベント')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = validate(registrationSchema, body)
    if (!r.ok) throw validationFailed(r.errors)
    return c.json(await register(ctx, e.id, r.data), 201)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/registrations/{id}',
    tags: ['events'],
    summary: '申込を取り消す（受付メールの token で。キャンセル待ちが繰り上がります）',
    request: { params: Id, query: z.object({ token: z.string().optional() }) },
    responses: { 200: jsonOk(z.object({ ok: z.boolean(), promoted: z.number() })), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('申込')
    const r = await cancelRegistration(ctx, id, c.req.valid('query').token ?? '')
    return c.json({ ok: true, promoted: r.moved.length }, 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'get',
    path: '/events/{id}/registrations',
    tags: ['events'],
    summary: 'イベントの申込者（主催者とコーディネーターのみ）',
    security,
    request: { params: Id },
    responses: {
      200: jsonOk(
        z.object({
          capacity: z.number().nullable(),
          taken: z.number(),
          waiting: z.number(),
          items: z.array(RegistrationOut),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('イベント')
    const e = await getEvent(ctx, id)
    if (!e) throw notFound('イベント')
    await authorize(c, 'event.registrations', e)
    const [rows, s] = await Promise.all([listRegistrations(ctx, e.id), seatCounts(ctx, e.id)])
    return c.json(
      {
        capacity: e.capacity,
        taken: s.taken,
        waiting: s.waiting,
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          email: r.email,
          people: r.people,
          accessibilityNeeds: r.accessibilityNeeds,
          question: r.question,
          status: r.status,
          attended: r.attended,
          createdAt: r.createdAt.toISOString(),
        })),
      },
      200,
    )
  },
)
