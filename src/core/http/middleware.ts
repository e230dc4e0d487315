import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { audit } from '../audit/index.ts'
import { actorForApiToken, actorForSession } from '../auth/service.ts'
import { randomToken, safeEqual } from '../auth/crypto.ts'
import type { Config } from '../config.ts'
import type { AppEnv, Ctx } from '../context.ts'
import type { Database } from '../db/index.ts'
import { isTokenPost } from '../feature.ts'
import { cityForHost } from '../db/cities.ts'
import { AppError } from '../errors.ts'

export const cookieNames = (config: Config) => {
  const secure = config.KYODO_HTTPS === '1'
  return {
    session: secure ? '__Host-kyodo_session' : 'kyodo_session',
    csrf: secure ? '__Host-kyodo_csrf' : 'kyodo_csrf',
    flash: secure ? '__Host-kyodo_flash' : 'kyodo_flash',
  }
}

export const cookieOptions = (config: Config) =>
  ({ path: '/', httpOnly: true, sameSite: 'Lax', secure: config.KYODO_HTTPS === '1' }) as const

/** How many reverse proxies in front of Kyodo append to X-Forwarded-For (0: trust none). */
export const trustedProxies = (config: Config): number =>
  config.KYODO_TRUSTED_PROXIES ?? (config.KYODO_TRUST_PROXY === '1' ? 1 : 0)

/**
 * The client address in X-Forwarded-For behind `hops` trusted proxies: the `hops`-th entry from
 * the right (each proxy appends the address it saw; entries further left are the client's to
 * invent). Fewer entries than hops: the leftmost. Null when there is none.
 */
export function forwardedClient(xff: string, hops: number): string | null {
  const entries = xff
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
  if (entries.length === 0 || hops < 1) return null
  return entries[Math.max(0, entries.length - hops)]
}

function clientIp(c: Context, config: Config): string {
  const hops = trustedProxies(config)
  if (hops > 0) {
    const ip = forwardedClient(c.req.header('x-forwarded-for') ?? '', hops)
    if (ip) return ip
  }
  const incoming = (c.env as any)?.incoming
  return incoming?.socket?.remoteAddress ?? c.req.header('x-real-ip') ?? ''
}

/**
 * Builds the request context: the city (by host; the only one on a single-city install),
 * who is signed in (session cookie or bearer token) and the CSRF token forms must echo.
 */
export function contextMiddleware(database: Database, config: Config): MiddlewareHandler<AppEnv> {
  const names = cookieNames(config)
  return async (c, next) => {
    const found = await cityForHost(database.db, c.req.header('host') ?? '')
    if ('none' in found) {
      if (found.none === 'no_city')
        throw new AppError(
          500,
          'no_municipality',
          '自治体が登録されていません。管理者にお問い合わせください。',
        )
      throw new AppError(404, 'unknown_host', 'このアドレスの自治体は見つかりません。URLをご確認ください。')
    }
    const { municipality } = found
    const ctx: Ctx = {
      db: database.db,
      dbKind: database.kind,
      config,
      tenantId: municipality.id,
      municipality,
      actor: null,
      ip: clientIp(c, config),
      userAgent: c.req.header('user-agent') ?? '',
    }
    c.set('ctx', ctx)
    c.set('sessionId', null)
    c.set('flash', null)

    const auth = c.req.header('authorization')
    if (auth?.startsWith('Bearer ')) {
      // the token, its account and the account's memberships in one query
      ctx.actor = await actorForApiToken(database.db, ctx.tenantId, auth.slice(7).trim())
      if (!ctx.actor) throw new AppError(401, 'invalid_token', 'アクセストークンが無効です。')
      c.set('csrfToken', '')
      return next()
    }

    const sessionToken = getCookie(c, names.session)
    if (sessionToken) {
      // the session, its account and the account's memberships in one query
      const found = await actorForSession(ctx, sessionToken)
      if (found?.actor) {
        ctx.actor = found.actor
        c.set('sessionId', found.session.id)
        c.set('csrfToken', found.session.csrfToken)
      }
      if (!ctx.actor) deleteCookie(c, names.session, { path: '/', secure: config.KYODO_HTTPS === '1' })
    }
    if (!ctx.actor) {
      // Visitors get a CSRF token in a cookie (double submit), so login and sign-up are protected too.
      let t = getCookie(c, names.csrf)
      if (!t || t.length < 32) {
        t = randomToken()
        setCookie(c, names.csrf, t, cookieOptions(config))
      }
      c.set('csrfToken', t)
    }

    const flash = getCookie(c, names.flash)
    if (flash) {
      // A malformed cookie is dropped, not a 500 on every page.
      let text: string | null = null
      try {
        text = decodeURIComponent(flash).slice(0, 300)
      } catch {
        text = null
      }
      c.set('flash', text)
      deleteCookie(c, names.flash, { path: '/', secure: config.KYODO_HTTPS === '1' })
    }
    await next()
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Every state-changing request carries the CSRF token (form field `_csrf` or header X-CSRF-Token). */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next()
    if (c.req.header('authorization')?.startsWith('Bearer ')) return next()
    // Login and sign-up through the JSON API start a session; they cannot carry one yet.
    const path = c.req.path
    if (path === '/api/v1/auth/login') return next()
    // a mail program's one-click unsubscribe (RFC 8058): the token in the URL is the authority
    if (c.req.query('token') && isTokenPost(c.req.method, path)) return next()
    const expected = c.get('csrfToken')
    let sent = c.req.header('x-csrf-token') ?? ''
    const type = c.req.header('content-type') ?? ''
    if (
      !sent &&
      (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data'))
    ) {
      const body = await c.req.parseBody({ all: true })
      const v = body._csrf
      sent = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
    }
    if (!expected || !sent || !safeEqual(sent, expected)) {
      const ctx = c.get('ctx')
      await audit(ctx, {
        action: 'authz.csrf.refused',
        entityType: 'request',
        entityId: `${c.req.method} ${path}`,
      })
      throw new AppError(
        403,
        'csrf',
        '画面の有効期限が切れたか、不正な送信です。ページを再読み込みしてからもう一度お試しください。',
      )
    }
    return next()
  }
}

/** Set a one-time notice shown on the next page. */
export function setFlash(c: Context<AppEnv>, message: string) {
  const ctx = c.get('ctx')
  setCookie(c, cookieNames(ctx.config).flash, encodeURIComponent(message), {
    ...cookieOptions(ctx.config),
    maxAge: 60,
  })
}
