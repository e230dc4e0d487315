import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { getGroup, groupRolesOf } from '../groups/index.ts'
import { getNeed } from '../needs/index.ts'
import { matchGroupsForNeed, matchNeedsForGroup } from './service.ts'

export const matchingApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

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
    const n = await getNeed(ctx, id)
    if (!n) throw notFound('協働ニーズ')
    await authorize(c, 'need.edit', n)
    const limit = Math.min(50, Math.max(1, Number(c.req.valid('query').limit ?? 10) || 10))
    const items = await matchGroupsForNeed(ctx, n, limit)
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
    const items = await matchNeedsForGroup(ctx, g, 10)
    return c.json(
      { items: items.map((m) => ({ needId: m.needId, title: m.title, score: m.score, reasons: m.reasons })) },
      200,
    )
  },
)
