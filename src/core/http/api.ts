import { z } from '@hono/zod-openapi'

/** Shared OpenAPI shapes for the JSON API. */
export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'validation' }),
    message: z.string().openapi({ example: '入力内容に誤りがあります。' }),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error')

export const errorResponses = {
  401: { description: 'ログインが必要', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: '権限がない', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: '見つからない', content: { 'application/json': { schema: ErrorSchema } } },
  422: {
    description: '入力の誤り（項目ごとのメッセージ付き）',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

export const jsonOk = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

export const security: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }]

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Path ids that are not UUIDs are simply not found (and never reach PostgreSQL). */
export const isUuid = (s: string | undefined | null): s is string => !!s && UUID_RE.test(s)
