import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../core/context.ts'
import { errorResponses, jsonOk } from '../../core/http/api.ts'
import { allow } from '../../core/http/guard.ts'
import { suggestDepartments } from './service.ts'

export const routingApi = new OpenAPIHono<AppEnv>()

const Suggestion = z
  .object({
    departmentId: z.string().openapi({ description: '課のID' }),
    name: z.string().openapi({ example: '高齢者支援課' }),
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .openapi({ description: '関連の強さ（0–100。最も近い課を100とする）' }),
    confidence: z
      .enum(['high', 'medium', 'low'])
      .openapi({ description: 'high＝この課がほぼ確実、medium＝候補のひとつ、low＝手がかりが弱い' }),
    reasons: z.array(z.string()).openapi({ example: ['高齢者 ≈ お年寄り', '見守り'] }),
    snippet: z
      .string()
      .nullable()
      .openapi({ description: '所掌事務などの該当する文（一致した語を【】で示す）' }),
  })
  .openapi('DepartmentSuggestion')

routingApi.openapi(
  createRoute({
    method: 'get',
    path: '/departments/suggest',
    tags: ['departments'],
    summary: 'どこの課に相談すればよいか（文章で書かれた相談から、担当しそうな課を順に返す）',
    middleware: [allow('routing.suggest')] as const,
    request: {
      query: z.object({
        q: z.string().max(1000, { message: '相談の内容は1000文字以内で入力してください' }).openapi({
          description: '相談したいこと（文章のままで可）',
          example: 'ひとり暮らしの母の見守りを頼みたい',
        }),
        limit: z.coerce.number().int().min(1).max(20).optional().openapi({ description: '件数（既定5）' }),
      }),
    },
    responses: {
      200: jsonOk(z.object({ items: z.array(Suggestion) }), '担当しそうな課（関連の強い順）'),
      422: errorResponses[422],
    },
  }),
  async (c) => {
    const { q, limit } = c.req.valid('query')
    const items = await suggestDepartments(c.get('ctx'), q, limit ?? 5)
    return c.json({ items }, 200)
  },
)
