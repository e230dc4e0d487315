import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { errorResponses, jsonOk } from '../../core/http/api.ts'
import { allow } from '../../core/http/guard.ts'
import { formYearStats } from './service.ts'

export const statisticsApi = new OpenAPIHono<AppEnv>()

const FormYear = z.object({
  fiscalYear: z.number().openapi({ example: 2026 }),
  history: z.boolean().openapi({ description: '記録以前の集計（当時の資料の数）のとき true' }),
  sources: z.array(z.string()).openapi({ description: '記録以前の集計の出典' }),
  counts: z.record(z.string(), z.number()).openapi({ description: '協働の形態（forms の key）ごとの事業数' }),
  total: z.number(),
})

statisticsApi.openapi(
  createRoute({
    method: 'get',
    path: '/statistics/projects-by-form',
    tags: ['statistics'],
    summary: '協働の形態別・年度別の協働事業数（公開している事業だけ。記録以前の年度は当時の集計）',
    middleware: [allow('statistics.view')] as const,
    responses: {
      200: jsonOk(
        z
          .object({
            currentFiscalYear: z.number(),
            forms: z.array(z.object({ key: z.string(), label: z.string() })),
            years: z.array(FormYear),
          })
          .openapi('ProjectsByForm'),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const s = await formYearStats(c.get('ctx'), 'public')
    return c.json({ currentFiscalYear: s.current, forms: s.forms, years: s.years }, 200)
  },
)
