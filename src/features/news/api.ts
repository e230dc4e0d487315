import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { notFound } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { NEWS_CATEGORIES } from './domain.ts'
import { absoluteUrl } from '../../core/http/origin.ts'
import type { Ctx } from '../../core/context.ts'
import { getPost, listPosts, type NewsPost } from './service.ts'

/** ニュースの JSON API: the same posts as /news and /news.atom (drafts only for the coordinator). */
export const newsApi = new OpenAPIHono<AppEnv>()

const NewsOut = z
  .object({
    id: z.string(),
    title: z.string().openapi({ example: '子ども食堂と防災団体が合同訓練を行いました' }),
    category: z.string().openapi({ description: 'case（協働の事例）| call（募集）| notice（お知らせ）など' }),
    categoryLabel: z.string().openapi({ example: '協働の事例' }),
    body: z.string().openapi({ description: '本文（プレーンテキスト。空行で段落）' }),
    status: z.string().openapi({ description: 'published（公開）。コーディネーターには draft も返ります' }),
    publishedAt: z.string().openapi({ description: '公開日時（ISO 8601）' }),
    url: z.string().openapi({ description: 'ニュースのページ' }),
  })
  .openapi('NewsPost')

const out = (ctx: Ctx, p: NewsPost) => ({
  id: p.id,
  title: p.title,
  category: p.category,
  categoryLabel: labelOf(NEWS_CATEGORIES, p.category),
  body: p.body,
  status: p.status,
  publishedAt: p.publishedAt.toISOString(),
  url: absoluteUrl(ctx, `/news/${p.id}`),
})

newsApi.openapi(
  createRoute({
    method: 'get',
    path: '/news',
    tags: ['news'],
    summary: 'ニュースの一覧（新しい順。category で分類を絞り込み、page・perPage でページ送り）',
    request: {
      query: z.object({
        category: z.string().optional(),
        page: z.coerce.number().int().min(1, { message: 'ページは1以上の整数で指定してください' }).optional(),
        perPage: z.coerce
          .number()
          .int()
          .min(1, { message: '件数は1〜50の整数で指定してください' })
          .max(50, { message: '件数は1〜50の整数で指定してください' })
          .optional(),
      }),
    },
    responses: {
      200: jsonOk(
        z.object({ total: z.number(), page: z.number(), perPage: z.number(), items: z.array(NewsOut) }),
      ),
      422: errorResponses[422],
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const q = c.req.valid('query')
    const page = q.page ?? 1
    const perPage = q.perPage ?? 20
    const r = await listPosts(ctx, { category: q.category || undefined, page, perPage })
    return c.json({ total: r.total, page, perPage, items: r.items.map((p) => out(ctx, p)) }, 200)
  },
)

newsApi.openapi(
  createRoute({
    method: 'get',
    path: '/news/{id}',
    tags: ['news'],
    summary: 'ニュース1件',
    request: {
      params: z.object({
        id: z
          .string()
          .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
      }),
    },
    responses: { 200: jsonOk(NewsOut), 404: errorResponses[404] },
  }),
  async (c) => {
    const ctx = await authorize(c, 'site.view')
    const { id } = c.req.valid('param')
    if (!isUuid(id)) throw notFound('ニュース')
    const p = await getPost(ctx, id)
    if (!p) throw notFound('ニュース')
    return c.json(out(ctx, p), 200)
  },
)
