import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import { secureHeaders } from 'hono/secure-headers'
import { HTTPException } from 'hono/http-exception'
import type { Config } from './core/config.ts'
import type { AppEnv } from './core/context.ts'
import type { Database } from './core/db/index.ts'
import { buildsRunning } from './core/search/city-index.ts'
import { AppError } from './core/errors.ts'
import { bodyLimits } from './core/http/body-limit.ts'
import { inputGuard } from './core/http/input-guard.ts'
import { contextMiddleware, csrfMiddleware } from './core/http/middleware.ts'
import { originMiddleware } from './core/http/origin.ts'
import { render } from './core/http/render.tsx'
import { writeTransaction } from './core/http/write-tx.ts'
import { logger } from './core/logger.ts'
import { apiDocs } from './core/http/openapi.ts'
import { installFeatures } from './core/feature.ts'
import { features } from './features/index.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')

const STATIC: Record<string, { file: string; type: string }> = {
  '/static/tokens.css': {
    file: path.join(root, 'node_modules/@digital-go-jp/design-tokens/dist/tokens.css'),
    type: 'text/css; charset=utf-8',
  },
  '/static/app.css': { file: path.join(root, 'public/app.css'), type: 'text/css; charset=utf-8' },
  '/static/import-progress.js': {
    file: path.join(root, 'public/import-progress.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/static/consult-suggest.js': {
    file: path.join(root, 'public/consult-suggest.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/favicon.ico': { file: path.join(root, 'public/favicon.svg'), type: 'image/svg+xml' },
}

export function createApp(database: Database, config: Config) {
  installFeatures(features)
  const app = new Hono<AppEnv>()

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: config.KYODO_HTTPS === '1' ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      crossOriginResourcePolicy: 'same-origin',
    }),
  )

  // Static files: read once, served with a cache header.
  for (const [p, s] of Object.entries(STATIC)) {
    app.get(p, (c) => {
      const body = fs.readFileSync(s.file)
      return c.body(body, 200, { 'content-type': s.type, 'cache-control': 'public, max-age=3600' })
    })
  }

  app.get('/healthz', async (c) => {
    await database.db.execute(sql`select 1`)
    // indexesBuilding > 0: a search index is being built (after a start or a large import)
    return c.json({ status: 'ok', database: database.kind, indexesBuilding: buildsRunning() })
  })

  // Before anything reads a body (the CSRF check parses forms): refuse what is over the limit.
  app.use('*', bodyLimits())
  app.use('*', contextMiddleware(database, config))
  app.use('*', inputGuard())
  app.use('*', originMiddleware())
  app.use('*', csrfMiddleware())
  // After the context (and the CSRF check, whose refusal is audited on its own): every non-GET
  // request's handler runs in one transaction, rolled back on an error or a 5xx.
  app.use('*', writeTransaction())

  const api = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook })
  for (const f of features) if (f.api) api.route('/', f.api)
  app.route('/api/v1', api)
  apiDocs(app, api)

  for (const f of features) if (f.routes) app.route('/', f.routes)

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json({ error: 'not_found', message: 'お探しのリソースは見つかりませんでした。' }, 404)
    return errorPage(
      c,
      404,
      'ページが見つかりません',
      'お探しのページは見つかりませんでした。URLが正しいかご確認ください。',
    )
  })

  app.onError((err, c) => {
    let e: AppError
    if (err instanceof AppError) e = err
    else if (err instanceof HTTPException)
      e = new AppError(
        err.status as any,
        'http',
        err.status === 413 ? '送信されたデータが大きすぎます。' : 'リクエストを処理できませんでした。',
      )
    else {
      logger.error({ err: { message: err.message, stack: err.stack }, path: c.req.path }, 'unhandled error')
      if (process.env.KYODO_DEBUG_ERRORS) console.error(c.req.method, c.req.path, err)
      e = new AppError(500, 'internal', 'システムエラーが発生しました。時間をおいてもう一度お試しください。')
    }
    if (c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json')) {
      return c.json(
        {
          error: e.code,
          message: e.message,
          ...(e.fields
            ? { fields: Object.entries(e.fields).map(([field, message]) => ({ field, message })) }
            : {}),
        },
        e.status,
      )
    }
    if (e.status === 401 && c.req.method === 'GET') {
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`)
    }
    const titles: Record<number, string> = {
      400: '入力に誤りがあります',
      401: 'ログインが必要です',
      403: 'アクセスできません',
      404: 'ページが見つかりません',
      409: '処理できませんでした',
      413: 'データが大きすぎます',
      422: '入力に誤りがあります',
      429: 'しばらくお待ちください',
      500: 'システムエラー',
    }
    return errorPage(c, e.status, titles[e.status] ?? 'エラー', e.message)
  })

  return app
}

function errorPage(c: any, status: any, title: string, message: string) {
  if (!c.get('ctx')) {
    return c.html(
      `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p></body></html>`,
      status,
    )
  }
  return render(
    c,
    title,
    <section>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">ホームへ戻る</a>
      </p>
    </section>,
    { status },
  )
}

/** zod failures in the JSON API: HTTP 422 with a list of field errors in Japanese. */
function apiValidationHook(result: any, c: any) {
  if (!result.success) {
    const fields = result.error.issues.map((i: any) => ({
      field: i.path.join('.') || '_',
      message: i.message,
    }))
    return c.json({ error: 'validation', message: '入力内容に誤りがあります。', fields }, 422)
  }
}
