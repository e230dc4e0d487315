import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const openApiInfo = {
  openapi: '3.0.3',
  info: {
    title: 'Kyodo API',
    version: '1.0.0',
    description:
      '協働ポータル（Kyodo）のJSON API。ログインは POST /api/v1/auth/login（応答のcsrfTokenを以後の書き込みで X-CSRF-Token ヘッダーに付ける）、またはコーディネーター・管理者が発行する個人用アクセストークン（Authorization: Bearer）。',
  },
  servers: [{ url: '/api/v1' }],
}

/** /api/openapi.json (the document) and /api/docs (a readable list, no JavaScript). */
export function apiDocs(app: Hono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kyodo_session',
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  // built on the first request, when every room has registered its routes; they do not change after
  let built: ReturnType<typeof api.getOpenAPIDocument> | undefined
  const doc = () => {
    built ??= api.getOpenAPIDocument(openApiInfo as any)
    return built
  }
  app.get('/api/openapi.json', (c) => c.json(doc()))
  app.get('/api/docs', (c) => {
    const d: any = doc()
    const rowsHtml: string[] = []
    for (const [p, ops] of Object.entries<any>(d.paths ?? {})) {
      for (const [method, op] of Object.entries<any>(ops)) {
        rowsHtml.push(
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>/api/v1${escapeHtml(p)}</code></td><td>${escapeHtml(op.summary ?? '')}</td></tr>`,
        )
      }
    }
    return c.html(
      `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kyodo API</title><link rel="stylesheet" href="/static/tokens.css"><link rel="stylesheet" href="/static/app.css"></head><body><main id="main" class="main"><h1>Kyodo API（開発者向け）</h1><p>${escapeHtml(openApiInfo.info.description)}</p><p>機械可読な定義：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3）</p><div class="table-wrap"><table class="table"><caption>エンドポイント一覧</caption><thead><tr><th scope="col">メソッド</th><th scope="col">パス</th><th scope="col">説明</th></tr></thead><tbody>${rowsHtml.join('')}</tbody></table></div><p><a href="/">ホームへ戻る</a></p></main></body></html>`,
    )
  })
}

function escapeHtml(s: string) {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )
}
