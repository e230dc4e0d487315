import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { validationFailed } from '../../core/errors.ts'
import { errorResponses, jsonBody, jsonOk, security } from '../../core/http/api.ts'
import { allow } from '../../core/http/guard.ts'
import { validate } from '../../core/validation.ts'
import { lookups } from '../needs/index.ts'
import { offerSchema } from './domain.ts'
import { createOffer } from './service.ts'

export const offersApi = new OpenAPIHono<AppEnv>()

const _Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

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

offersApi.openapi(
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
    const lk = await lookups(ctx)
    const r = validate(offerSchema(lk.fields.map((f) => f.code)), body)
    if (!r.ok) throw validationFailed(r.errors)
    const o = await createOffer(ctx, r.data)
    return c.json({ id: o.id, groupId: o.groupId, title: o.title }, 201)
  },
)
