import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../errors.ts'

const MB = 1024 * 1024

/** Forms and JSON: anything bigger is refused before it is read (and before CSRF parses it). */
export const DEFAULT_BODY_LIMIT = 1 * MB

/**
 * Routes that take files, with their stated maximum (the file's own limit plus room for the
 * multipart envelope and the other fields). The CSV import steps that carry the file's text in
 * a form field (`/check`, `/commit`) take the same.
 */
export const UPLOAD_BODY_LIMITS: { pattern: RegExp; maxBytes: number }[] = [
  // 団体のCSV取り込み (io.MAX_IMPORT_BYTES = 64 MB)
  { pattern: /^\/(api\/v1\/)?groups\/import(\/[a-z]+)?$/, maxBytes: 65 * MB },
  // 組織・地区のCSV取り込み (at most 5,000 rows)
  { pattern: /^\/admin\/(departments|areas)\/import(\/[a-z]+)?$/, maxBytes: 10 * MB },
  { pattern: /^\/api\/v1\/(departments|areas)\/import$/, maxBytes: 10 * MB },
  // ロゴ (2 MB) と書類 (10 MB)
  { pattern: /^\/groups\/[^/]+\/(logo|documents)$/, maxBytes: 11 * MB },
  // イベントの資料 (10 MB)
  { pattern: /^\/events\/[^/]+\/materials$/, maxBytes: 11 * MB },
]

export function bodyLimitFor(path: string): number {
  for (const r of UPLOAD_BODY_LIMITS) if (r.pattern.test(path)) return r.maxBytes
  return DEFAULT_BODY_LIMIT
}

const limiters = new Map<number, MiddlewareHandler>()

/** 413 with a Japanese message when a request body is over its route's limit. */
export function bodyLimits(): MiddlewareHandler {
  return (c, next) => {
    const max = bodyLimitFor(c.req.path)
    let mw = limiters.get(max)
    if (!mw) {
      const mb = Math.round(max / MB)
      mw = bodyLimit({
        maxSize: max,
        onError: () => {
          throw new AppError(
            413,
            'too_large',
            `送信されたデータが大きすぎます（上限は${mb}MBです）。ファイルを分けるか、小さくしてからお試しください。`,
          )
        },
      })
      limiters.set(max, mw)
    }
    return mw(c, next)
  }
}
