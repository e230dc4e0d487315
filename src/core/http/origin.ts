import { createMiddleware } from 'hono/factory'
import type { AppEnv, Ctx } from '../context.ts'

/**
 * Remembers the request's origin on the context, so mails written during the request carry
 * absolute links even when KYODO_BASE_URL is not set. Mounted right after the context middleware.
 */
export const originMiddleware = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const ctx = c.get('ctx')
    if (ctx) {
      const u = new URL(c.req.url)
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
      const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim()
      ctx.origin = `${proto === 'https' || proto === 'http' ? proto : u.protocol.replace(':', '')}://${host || u.host}`
    }
    await next()
  })

/** The site's base address: KYODO_BASE_URL, else the request's origin, else localhost. */
export function siteBase(ctx: Pick<Ctx, 'config'> & { origin?: string }): string {
  return (ctx.config.KYODO_BASE_URL || ctx.origin || `http://localhost:${ctx.config.PORT}`).replace(/\/$/, '')
}

/** A link as an absolute URL for mails ('/needs/1' → 'https://kyodo.example.jp/needs/1'). */
export function absoluteUrl(ctx: Pick<Ctx, 'config'> & { origin?: string }, href: string): string {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href
  return `${siteBase(ctx)}${href.startsWith('/') ? '' : '/'}${href}`
}
