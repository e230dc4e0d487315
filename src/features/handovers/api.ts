import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound, validationFailed } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { ackSchema, handoverSchema } from './domain.ts'
import { acknowledge, createHandover, getHandover, type Handover, type HandoverItem } from './service.ts'

/** 引継ぎの JSON API (city staff; the note is internal). */
export const handoversApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const HandoverIn = z
  .object({
    // checked by handoverSchema (Japanese messages naming the field), so loose here
    fromUserId: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: '引き継ぐ人（必須。自分。協働推進課・管理者はだれでも）' }),
    toUserId: z
      .unknown()
      .optional()
      .openapi({ type: 'string', description: '後任者（必須。課に所属しているか協働推進課の、利用中の人）' }),
    items: z
      .unknown()
      .optional()
      .openapi({
        type: 'array',
        items: { type: 'string' },
        description: '引き継ぐ案件（必須。"種類:ID"。例 "pairing:…"）。/handovers/new の一覧と同じもの',
        example: ['pairing:00000000-0000-4000-8000-000000000000'],
      }),
    background: z.unknown().optional().openapi({ type: 'string', description: '経緯（必須）' }),
    promises: z.unknown().optional().openapi({ type: 'string', description: '約束したこと' }),
    temperature: z.unknown().optional().openapi({ type: 'string', description: '温度感（庁内だけ）' }),
    unheld: z
      .unknown()
      .optional()
      .openapi({ type: 'boolean', description: 'true：担当者のいない案件を割り当てる（協働推進課）' }),
  })
  .openapi('HandoverInput')

const HandoverOut = z
  .object({
    id: z.string(),
    fromUserId: z.string(),
    toUserId: z.string(),
    status: z.enum(['pending', 'acknowledged']),
    background: z.string(),
    promises: z.string(),
    temperature: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    items: z.array(
      z.object({ kind: z.string(), id: z.string(), title: z.string(), href: z.string(), state: z.string() }),
    ),
  })
  .openapi('Handover')

const out = (h: Handover, items: HandoverItem[]) => ({
  id: h.id,
  fromUserId: h.fromUserId,
  toUserId: h.toUserId,
  status: h.status as 'pending' | 'acknowledged',
  background: h.background,
  promises: h.promises,
  temperature: h.temperature,
  createdAt: h.createdAt.toISOString(),
  acknowledgedAt: h.acknowledgedAt?.toISOString() ?? null,
  items: items.map((i) => ({ kind: i.kind, id: i.itemId, title: i.title, href: i.href, state: i.state })),
})

handoversApi.openapi(
  createRoute({
    method: 'post',
    path: '/handovers',
    tags: ['handovers'],
    summary: '案件を後任者に引き継ぐ（担当はすぐに移り、後任者と団体に知らせる）',
    security,
    middleware: [allow('handover.list')] as const,
    request: jsonBody(HandoverIn),
    responses: { 201: jsonOk(HandoverOut, '引継ぎの記録'), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = validate(handoverSchema, body)
    if (!r.ok) throw validationFailed(r.errors)
    const h = await createHandover(ctx, r.data, { unheld: body.unheld === true })
    const found = await getHandover(ctx, h.id)
    return c.json(out(found!.h, found!.items), 201)
  },
)

handoversApi.openapi(
  createRoute({
    method: 'get',
    path: '/handovers/{id}',
    tags: ['handovers'],
    summary: '引継ぎの記録（前任者・後任者・協働推進課）',
    security,
    middleware: [allow('handover.list')] as const,
    request: { params: Id },
    responses: { 200: jsonOk(HandoverOut), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('引継ぎ')
    const found = await getHandover(ctx, id)
    if (!found) throw notFound('引継ぎ')
    return c.json(out(found.h, found.items), 200)
  },
)

handoversApi.openapi(
  createRoute({
    method: 'post',
    path: '/handovers/{id}/acknowledge',
    tags: ['handovers'],
    summary: '引継ぎを確認する（後任者）',
    security,
    middleware: [allow('handover.list')] as const,
    request: {
      params: Id,
      body: {
        content: { 'application/json': { schema: z.object({ ackNote: z.string().optional() }) } },
        required: false,
      },
    },
    responses: { 200: jsonOk(HandoverOut), ...errorResponses },
  }),
  async (c) => {
    const ctx = c.get('ctx')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('引継ぎ')
    const found = await getHandover(ctx, id)
    if (!found) throw notFound('引継ぎ')
    await authorize(c, 'handover.acknowledge', found.h)
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const r = validate(ackSchema, body)
    if (!r.ok) throw validationFailed(r.errors)
    await acknowledge(ctx, found.h, r.data.ackNote)
    const again = await getHandover(ctx, id)
    return c.json(out(again!.h, again!.items), 200)
  },
)
