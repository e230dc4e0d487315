import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../core/context.ts'
import { cookieNames, cookieOptions } from '../../core/http/middleware.ts'

/** Start a session: a new id at every login, the visitor's CSRF cookie dropped. */
export function startSession(c: Context<AppEnv>, token: string) {
  const ctx = c.get('ctx')
  const names = cookieNames(ctx.config)
  setCookie(c, names.session, token, { ...cookieOptions(ctx.config) })
  deleteCookie(c, names.csrf, { path: '/', secure: ctx.config.KYODO_HTTPS === '1' })
}
