import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { errorResponses, isUuid, jsonOk } from '../../core/http/api.ts'
import { authorize } from '../../core/http/guard.ts'
import { fiscalYearLabel } from '../../core/japanese/index.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { can } from '../../core/policy.ts'
import { reportPdf } from './pdf.ts'
import { figuresOf } from './report.ts'
import { getSurvey, listSurveys, reportOf } from './service.ts'

export const surveysApi = new OpenAPIHono<AppEnv>()

const Id = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
})

const SurveyOut = z
  .object({
    id: z.string(),
    fiscalYear: z.number().openapi({ description: '調査の対象年度（西暦の年度）', example: 2010 }),
    title: z.string(),
    status: z.enum(['draft', 'open', 'closed']),
    published: z.boolean(),
    report: z.string().nullable().openapi({ description: '報告書のページ（読めるとき）' }),
  })
  .openapi('Survey')

const Row = z.object({ label: z.string(), count: z.number(), percent: z.number().openapi({ example: 41.0 }) })
const FigureOut = z
  .object({
    number: z.number().openapi({ example: 3 }),
    title: z.string(),
    n: z.number(),
    answer: z
      .enum(['single', 'multiple'])
      .nullable()
      .openapi({ description: '単一回答 | 複数回答（件数表・主な意見は null）' }),
    kind: z.enum(['single', 'multiple', 'count', 'cross', 'opinions']),
    rows: z.array(Row),
    groups: z
      .array(z.object({ label: z.string(), n: z.number(), rows: z.array(Row) }))
      .optional()
      .openapi({ description: 'クロス集計（kind=cross）：区分ごとの行' }),
    notes: z.array(z.string()),
    opinions: z.array(z.object({ group: z.string(), text: z.string() })),
  })
  .openapi('SurveyFigure')

surveysApi.openapi(
  createRoute({
    method: 'get',
    path: '/surveys',
    tags: ['surveys'],
    summary: '実態把握調査の一覧（公開された報告書。コーディネーターにはすべて）',
    responses: { 200: jsonOk(z.object({ items: z.array(SurveyOut) })) },
  }),
  async (c) => {
    const ctx = await authorize(c, 'survey.list')
    const coordinator = can(ctx.actor, 'survey.manage')
    const items = (await listSurveys(ctx, { publishedOnly: !coordinator })).map((s) => ({
      id: s.id,
      fiscalYear: s.fiscalYear,
      title: s.title,
      status: s.status as 'draft' | 'open' | 'closed',
      published: !!s.publishedAt,
      report: s.status === 'draft' ? null : `/surveys/${s.id}/report`,
    }))
    return c.json({ items }, 200)
  },
)

surveysApi.openapi(
  createRoute({
    method: 'get',
    path: '/surveys/{id}/report',
    tags: ['surveys'],
    summary: '報告書の図表（番号・題・n・単一/複数回答・件数と割合）。公開前はコーディネーターだけ',
    request: { params: Id },
    responses: {
      200: jsonOk(z.object({ title: z.string(), respondents: z.number(), figures: z.array(FigureOut) })),
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'survey.list')
    const { id } = c.req.valid('param')
    const s = isUuid(id) ? await getSurvey(ctx, id) : null
    if (!s || s.status === 'draft' || !can(ctx.actor, 'survey.report', s)) throw notFound('報告書')
    const report = await reportOf(ctx, s)
    const figures = figuresOf(report).map((f) => ({
      number: f.number,
      title: f.title,
      n: f.n,
      answer: f.answer,
      kind: f.kind,
      rows: f.rows,
      ...(f.groups ? { groups: f.groups.map((g) => ({ label: g.label, n: g.n, rows: g.cells })) } : {}),
      notes: f.notes,
      opinions: f.opinions,
    }))
    return c.json({ title: s.title, respondents: report.respondents, figures }, 200)
  },
)

surveysApi.openapi(
  createRoute({
    method: 'get',
    path: '/surveys/{id}/report.pdf',
    tags: ['surveys'],
    summary: '報告書の PDF（日本語フォント埋め込み、A4）。公開前はコーディネーターだけ',
    request: { params: Id },
    responses: {
      200: {
        description: 'PDF',
        content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
      },
      404: errorResponses[404],
      503: { description: 'サーバーに日本語フォントがない' },
    },
  }),
  async (c) => {
    const ctx = await authorize(c, 'survey.list')
    const { id } = c.req.valid('param')
    const s = isUuid(id) ? await getSurvey(ctx, id) : null
    if (!s || s.status === 'draft' || !can(ctx.actor, 'survey.report', s)) throw notFound('報告書')
    if (!japaneseFont())
      throw new AppError(503, 'no_font', 'このサーバーには日本語のフォントがないため PDF をつくれません。')
    const pdf = await reportPdf(await reportOf(ctx, s), {
      title: s.title,
      city: ctx.municipality?.name ?? '',
      fiscalYearLabel: fiscalYearLabel(s.fiscalYear),
      notes: s.notes,
    })
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf' }) as any
  },
)
