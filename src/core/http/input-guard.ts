import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'

export const BAD_INPUT_MESSAGE = '入力に使用できない文字が含まれています。'

/** NUL, or a UTF-16 surrogate without its partner (PostgreSQL refuses both in text). */
export function hasForbiddenChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0) return true
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) i++
      else return true
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

function badValue(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return hasForbiddenChars(v)
  if (depth > 64 || v === null || typeof v !== 'object') return false
  if (Array.isArray(v)) return v.some((x) => badValue(x, depth + 1))
  if (v instanceof File) return hasForbiddenChars(v.name)
  for (const [k, x] of Object.entries(v)) if (hasForbiddenChars(k) || badValue(x, depth + 1)) return true
  return false
}

const refuse = () => {
  throw new AppError(400, 'bad_input', BAD_INPUT_MESSAGE)
}

/**
 * Refuses, at the edge, requests whose path, query, form fields or JSON text hold NUL or an
 * unpaired surrogate: 400 (pages: the Japanese error page; API: `{ error: 'bad_input' }`).
 * Bodies are read through Hono's cache, so the handlers read them again for free.
 */
export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (hasForbiddenChars(c.req.path)) refuse()
    const q = c.req.queries()
    if (badValue(q)) refuse()
    if (c.req.raw.body && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = (c.req.header('content-type') ?? '').toLowerCase()
      if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
        let body: unknown
        try {
          body = await c.req.parseBody({ all: true })
        } catch {
          throw new AppError(400, 'bad_input', '送信された内容を読み取れませんでした。')
        }
        if (badValue(body)) refuse()
      } else if (type.includes('json')) {
        const text = await c.req.text()
        if (text.includes('\u0000')) refuse()
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = undefined // malformed JSON: the route answers as it always did
        }
        if (badValue(parsed)) refuse()
      }
    }
    return next()
  }
}
