import { z } from 'zod'
import { AppError, type FieldErrors } from './errors.ts'
import {
  normalizeFurigana,
  normalizePhone,
  normalizePostalCode,
  parseYear,
  parseYmd,
} from './japanese/index.ts'

/**
 * Zod builders whose messages name the field in Japanese and say how to fix it.
 * Forms and the JSON API share them, so a person and a program read the same message.
 */

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v)

/**
 * A number as people write it in Japan: full-width digits, ￥ or 円, thousands commas, units such as
 * 人・件・名・回・歳 after it, and 万・億 (２８人 → 28, ５０万円 → 500000, ￥1,200 → 1200, 1.5万 → 15000).
 * Returns the text unchanged (for the number check to refuse) when it is not such a number.
 */
export function parseJapaneseNumber(x: unknown): unknown {
  if (typeof x !== 'string') return x
  let s = x.normalize('NFKC').replace(/\s+/g, '')
  if (!s) return s
  s = s.replace(/^[¥￥\\]/, '').replace(/(円|人|名|件|回|歳|年|か所|箇所|ヶ所|団体|時間|日)$/, '')
  const m = s.match(/^(-?[0-9][0-9,]*(?:\.[0-9]+)?)(億|万|千)?$/)
  if (!m) return x.normalize('NFKC').trim()
  const digits = m[1].replace(/,/g, '')
  const unit = m[2] === '億' ? 100_000_000 : m[2] === '万' ? 10_000 : m[2] === '千' ? 1_000 : 1
  const n = Number(digits) * unit
  return Number.isFinite(n) ? String(Math.round(n * 1e6) / 1e6) : x
}

export const v = {
  text(label: string, opts: { max?: number; min?: number } = {}) {
    const max = opts.max ?? 200
    return z.preprocess(
      trimmed,
      z
        .string({ error: `${label}を入力してください` })
        .min(opts.min ?? 1, {
          error: opts.min ? `${label}は${opts.min}文字以上で入力してください` : `${label}を入力してください`,
        })
        .max(max, { error: `${label}は${max}文字以内で入力してください` }),
    )
  },
  optionalText(label: string, opts: { max?: number } = {}) {
    const max = opts.max ?? 2000
    return z.preprocess(
      (x) => (x === undefined || x === null ? '' : trimmed(x)),
      z.string().max(max, { error: `${label}は${max}文字以内で入力してください` }),
    )
  },
  email(label = 'メールアドレス') {
    return z.preprocess(
      (x) => (typeof x === 'string' ? x.normalize('NFKC').trim().toLowerCase() : x),
      z
        .string({ error: `${label}を入力してください` })
        .min(1, { error: `${label}を入力してください` })
        .max(254, { error: `${label}は254文字以内で入力してください` })
        .pipe(z.email({ error: `${label}の形式が正しくありません（例：name@example.jp）` })),
    )
  },
  optionalEmail(label = 'メールアドレス') {
    return z.preprocess(
      (x) => (typeof x === 'string' ? x.normalize('NFKC').trim().toLowerCase() : (x ?? '')),
      z.union([z.literal(''), z.email({ error: `${label}の形式が正しくありません（例：name@example.jp）` })]),
    )
  },
  password(label = 'パスワード') {
    return z
      .string({ error: `${label}を入力してください` })
      .min(8, { error: `${label}は8文字以上で入力してください` })
      .max(128, { error: `${label}は128文字以内で入力してください` })
      .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), {
        error: `${label}はよく使われていて推測されやすいため使えません。別のものにしてください`,
      })
  },
  kana(label: string, opts: { required?: boolean; max?: number } = {}) {
    return z.preprocess(
      (x) => (x === undefined || x === null ? '' : x),
      z
        .string()
        .max(opts.max ?? 100, { error: `${label}は${opts.max ?? 100}文字以内で入力してください` })
        .transform((s, ctx) => {
          const k = normalizeFurigana(s)
          if (k === null) {
            ctx.addIssue({
              code: 'custom',
              message: `${label}はカタカナ（またはひらがな）で入力してください`,
            })
            return z.NEVER
          }
          if (opts.required && k === '') {
            ctx.addIssue({ code: 'custom', message: `${label}を入力してください` })
            return z.NEVER
          }
          return k
        }),
    )
  },
  postalCode(label = '郵便番号', required = false) {
    return z.preprocess(
      (x) => (x === undefined || x === null ? '' : x),
      z.string().transform((s, ctx) => {
        if (s.trim() === '' && !required) return ''
        const p = normalizePostalCode(s)
        if (!p) {
          ctx.addIssue({ code: 'custom', message: `${label}は半角数字7桁で入力してください（例：1800001）` })
          return z.NEVER
        }
        return p
      }),
    )
  },
  phone(label = '電話番号', required = false) {
    return z.preprocess(
      (x) => (x === undefined || x === null ? '' : x),
      z.string().transform((s, ctx) => {
        if (s.trim() === '' && !required) return ''
        const p = normalizePhone(s)
        if (!p) {
          ctx.addIssue({
            code: 'custom',
            message: `${label}は市外局番から10桁または11桁の数字で入力してください（例：0422-60-1800）`,
          })
          return z.NEVER
        }
        return p
      }),
    )
  },
  int(label: string, opts: { min?: number; max?: number; optional?: boolean } = {}) {
    const base = z.coerce
      .number({ error: `${label}は半角数字で入力してください` })
      .int({ error: `${label}は整数で入力してください` })
      .min(opts.min ?? Number.MIN_SAFE_INTEGER, { error: `${label}は${opts.min}以上で入力してください` })
      .max(opts.max ?? Number.MAX_SAFE_INTEGER, { error: `${label}は${opts.max}以下で入力してください` })
    if (!opts.optional) return z.preprocess(parseJapaneseNumber, base)
    return z.preprocess(
      (x) =>
        x === undefined || x === null || (typeof x === 'string' && !x.trim()) ? null : parseJapaneseNumber(x),
      base.nullable(),
    )
  },
  /** A year in western or Japanese-era writing (１９９９年, 平成11年, H11 → 1999). */
  year(label: string, opts: { min?: number; max?: number; optional?: boolean } = {}) {
    const base = z
      .number({ error: `${label}は西暦（例：2015）か和暦（例：平成27年）で入力してください` })
      .int()
      .min(opts.min ?? 1868, { error: `${label}は${opts.min ?? 1868}年以降で入力してください` })
      .max(opts.max ?? 9999, { error: `${label}は${opts.max ?? 9999}年以前で入力してください` })
    const pre = (x: unknown) => {
      if (typeof x === 'number' || x === undefined || x === null) return x ?? null
      const y = parseYear(String(x))
      return y === 'bad' ? String(x) : y
    }
    return z.preprocess(pre, opts.optional ? base.nullable() : base)
  },
  oneOf<T extends string>(label: string, values: readonly T[]) {
    return z.enum(values as [T, ...T[]], { error: `${label}を一覧から選んでください` })
  },
  manyOf<T extends string>(label: string, values: readonly T[], opts: { min?: number } = {}) {
    return z.preprocess(
      (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
      z
        .array(z.enum(values as [T, ...T[]], { error: `${label}は一覧から選んでください` }))
        .min(opts.min ?? 0, { error: `${label}を${opts.min}つ以上選んでください` }),
    )
  },
  uuid(label: string) {
    return z.string({ error: `${label}を選んでください` }).uuid({ error: `${label}を一覧から選んでください` })
  },
  checkbox() {
    return z.preprocess((x) => x === 'on' || x === 'true' || x === true || x === '1', z.boolean())
  },
  /** A date typed as three fields <name>_year, <name>_month, <name>_day (see DateField). */
  ymd(label: string, required = true) {
    return z
      .object({ year: z.string().optional(), month: z.string().optional(), day: z.string().optional() })
      .transform((p, ctx) => {
        const empty = !p.year && !p.month && !p.day
        if (empty) {
          if (required) ctx.addIssue({ code: 'custom', message: `${label}を入力してください` })
          return null
        }
        const d = parseYmd(p.year ?? '', p.month ?? '', p.day ?? '')
        if (!d) {
          ctx.addIssue({
            code: 'custom',
            message: `${label}は正しい日付を入力してください（年は西暦か和暦、例：2026年4月1日、令和8年）`,
          })
          return null
        }
        return d
      })
  },
}

/** Field errors keyed by field name (first message per field). */
export type { FieldErrors }

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_'
    if (!out[key]) out[key] = issue.message
  }
  return out
}

/**
 * Parse a form with a schema and, always (even when the schema fails), extra checks on the
 * raw input such as "the two passwords match", so the person sees every problem at once.
 */
export function validate<T extends z.ZodType>(
  schema: T,
  body: unknown,
  extra?: (raw: Record<string, unknown>) => FieldErrors,
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(body)
  const more = extra ? extra((body ?? {}) as Record<string, unknown>) : {}
  const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...more }
  if (!parsed.success || Object.keys(more).length) return { ok: false, errors }
  return { ok: true, data: parsed.data }
}

/**
 * Validate a form, then run the use case. Field errors from either step (a service refuses
 * with AppError 422 and `fields`, e.g. "this name is taken") come back so the form can be
 * shown again with what the user typed.
 */
export async function validateAndRun<T extends z.ZodType, R>(
  schema: T,
  body: unknown,
  run: (data: z.output<T>) => Promise<R>,
): Promise<{ ok: true; data: z.output<T>; result: R } | { ok: false; errors: FieldErrors }> {
  const parsed = validate(schema, body)
  if (!parsed.ok) return parsed
  try {
    return { ok: true, data: parsed.data, result: await run(parsed.data) }
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fields) return { ok: false, errors: e.fields }
    throw e
  }
}

/** The usual "confirm" check for a repeated password. */
export const samePassword =
  (field = 'password', confirm = 'passwordConfirm', label = 'パスワード') =>
  (raw: Record<string, unknown>): FieldErrors =>
    raw[field] && raw[field] !== raw[confirm]
      ? { [confirm]: `${label}（確認）が一致しません。同じ${label}を入力してください` }
      : {}

/** Collects <name>_year/_month/_day parts of form data into { name: {year, month, day} }. */
export function collectDateParts(body: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body }
  for (const n of names) {
    out[n] = {
      year: String(body[`${n}_year`] ?? ''),
      month: String(body[`${n}_month`] ?? ''),
      day: String(body[`${n}_day`] ?? ''),
    }
  }
  return out
}

/** The most common passwords (a short list from public breach corpora); refused at sign-up. */
const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'password123',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  '11111111',
  '00000000',
  '88888888',
  'abc12345',
  'abcd1234',
  '1q2w3e4r',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'passw0rd',
  'p@ssw0rd',
  'admin123',
  'letmein1',
  '87654321',
  'asdfghjk',
  'zxcvbnm1',
  'trustno1',
  'superman',
  'starwars',
])
