import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk, security } from '../../core/http/api.ts'
import { allow, authorize } from '../../core/http/guard.ts'
import { getGroup, groupRolesOf } from '../groups/index.ts'
import { getNeed } from '../needs/index.ts'
import { matchGroupsForNeed, matchNeedsForGroup, SCALE } from './service.ts'

export const matchingApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const Score = z
  .number()
  .min(0)
  .max(100)
  .openapi({
    description: `${SCALE.legend}。高（70以上）・中（40〜69）・低（39以下）`,
    example: 100,
  })
const Band = z
  .enum(['high', 'medium', 'low'])
  .openapi({ description: '高（70以上）・中（40〜69）・低（39以下）' })
const Snippet = z
  .object({
    field: z.string(),
    text: z.string().openapi({ description: '候補自身の文（一致した言葉を含む）' }),
    spans: z.array(z.tuple([z.number(), z.number()])).openapi({ description: '一致した言葉の位置（文字）' }),
  })
  .nullable()
const Scale = z
  .object({
    min: z.number(),
    max: z.number(),
    legend: z.string(),
    bands: z.array(z.object({ band: Band, label: z.string(), from: z.number() })),
  })
  .openapi('MatchScale')
const scale = {
  min: SCALE.min,
  max: SCALE.max,
  legend: SCALE.legend,
  bands: SCALE.bands.map((b) => ({ ...b })),
}
const Words = z
  .array(z.string())
  .openapi({ description: '一致した言葉（類義語は「高齢者 ≈ お年寄り」）、この候補に特有の言葉から' })

const Match = z
  .object({
    groupId: z.string(),
    groupName: z.string(),
    score: Score,
    band: Band,
    reasons: z.array(z.string()),
    words: Words,
    snippet: Snippet,
  })
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
    responses: { 200: jsonOk(z.object({ scale: Scale, items: z.array(Match) })), ...errorResponses },
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
        scale,
        items: items.map((m) => ({
          groupId: m.groupId,
          groupName: m.groupName,
          score: m.score,
          band: m.band,
          reasons: m.reasons,
          words: m.words,
          snippet: m.snippet,
        })),
      },
      200,
    )
  },
)

const NeedMatch = z
  .object({
    needId: z.string(),
    title: z.string(),
    score: Score,
    band: Band,
    reasons: z.array(z.string()),
    words: Words,
    snippet: Snippet,
  })
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
    responses: { 200: jsonOk(z.object({ scale: Scale, items: z.array(NeedMatch) })), ...errorResponses },
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
      {
        scale,
        items: items.map((m) => ({
          needId: m.needId,
          title: m.title,
          score: m.score,
          band: m.band,
          reasons: m.reasons,
          words: m.words,
          snippet: m.snippet,
        })),
      },
      200,
    )
  },
)
