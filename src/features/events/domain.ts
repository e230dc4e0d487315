import { z } from 'zod'
import { parseYmd, ymdInTokyo } from '../../core/japanese/index.ts'
import { NPO_FIELDS } from '../../core/vocabulary.ts'
import { v } from '../../core/validation.ts'

/** Pure rules of events: kinds, statuses, the form, seats and the waiting list. */

export const EVENT_KINDS = [
  { code: 'presentation', label: '分野別発表会＆交流会' },
  { code: 'briefing', label: '説明会' },
  { code: 'dialogue', label: '意見交換会' },
  { code: 'social', label: '交流会' },
  { code: 'staff_training', label: '職員研修（市職員のみ）' },
] as const
export type EventKind = (typeof EVENT_KINDS)[number]['code']

export const EVENT_STATUSES = [
  { code: 'draft', label: '下書き' },
  { code: 'open', label: '募集中' },
  { code: 'closed', label: '締切' },
  { code: 'held', label: '開催済' },
  { code: 'cancelled', label: '中止' },
] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]['code']

/** 下書き → 募集中 → 締切 → 開催済 / 中止 (and back where a mistake must be undone). */
export const EVENT_TRANSITIONS: Record<string, string[]> = {
  draft: ['open', 'cancelled'],
  open: ['closed', 'held', 'cancelled', 'draft'],
  closed: ['open', 'held', 'cancelled'],
  held: ['closed'],
  cancelled: ['draft'],
}

/** Statuses at which a freed seat moves the waiting list up (not cancelled, held or draft). */
export const PROMOTING_STATUSES = ['open', 'closed']

/** Statuses anyone may see (drafts: the coordinator and the organisers only). */
export const PUBLIC_STATUSES = ['open', 'closed', 'held', 'cancelled']
/** Statuses in the ICS feeds and the open data (cancelled events are in ICS with STATUS:CANCELLED). */
export const LISTED_STATUSES = ['open', 'closed', 'held']

export const REGISTRATION_STATUSES = [
  { code: 'registered', label: '申込済' },
  { code: 'waitlisted', label: 'キャンセル待ち' },
  { code: 'cancelled', label: '取消' },
] as const

/** Registrants' personal data is removed this many days after the event ends. */
export const EVENT_DATA_RETENTION_DAYS = 90

const codes = <T extends readonly { code: string }[]>(l: T) =>
  l.map((x) => x.code) as [T[number]['code'], ...T[number]['code'][]]

const uuidList = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })),
  )

/** "13:30", "1330", "13時30分", full-width digits → "13:30"; null when not a time of day. */
export function parseTime(s: string): string | null {
  const t = String(s ?? '')
    .normalize('NFKC')
    .trim()
  const m = t.match(/^(\d{1,2})(?::|時)?(\d{2})分?$/) ?? t.match(/^(\d{1,2})時$/)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2] ?? '0')
  if (h > 23 || min > 59) return null
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

/** A moment given as a Japan date and time. */
export const jstMoment = (ymd: string, hm: string) => new Date(`${ymd}T${hm}:00+09:00`)

/** HH:MM of a moment in Tokyo. */
export function hmInTokyo(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Tokyo',
  }).format(d)
}

/**
 * A date and time: from the form as {year, month, day, time} (see collectDateTimeParts), or from
 * the API as an ISO 8601 string (without an offset it means Japan time). `defaultTime` fills an
 * empty time (a deadline without a time is the end of that day).
 */
export function dateTime(label: string, opts: { required?: boolean; defaultTime?: string } = {}) {
  return z
    .unknown()
    .optional()
    .transform((x, ctx): Date | null => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      if (x instanceof Date) return Number.isNaN(x.getTime()) ? fail(`${label}の日時が正しくありません`) : x
      if (x === undefined || x === null || x === '') {
        return opts.required ? fail(`${label}を入力してください`) : null
      }
      if (typeof x === 'string') {
        const s = x.normalize('NFKC').trim()
        const m = s.match(
          /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/,
        )
        if (!m || !parseYmd(...(m[1].split('-') as [string, string, string])))
          return fail(
            `${label}はYYYY-MM-DDTHH:MM形式の正しい日時で入力してください（例：2026-07-01T13:30+09:00）`,
          )
        if (!m[2])
          return opts.defaultTime
            ? jstMoment(m[1], opts.defaultTime)
            : fail(`${label}の時刻を入力してください`)
        const d = m[3] ? new Date(`${m[1]}T${m[2]}:00${m[3] === 'Z' ? 'Z' : m[3]}`) : jstMoment(m[1], m[2])
        return Number.isNaN(d.getTime()) ? fail(`${label}の日時が正しくありません`) : d
      }
      if (typeof x === 'object') {
        const p = x as Record<string, unknown>
        const [y, mo, d, t] = ['year', 'month', 'day', 'time'].map((k) => String(p[k] ?? '').trim())
        if (!y && !mo && !d && !t) return opts.required ? fail(`${label}を入力してください`) : null
        const ymd = parseYmd(y, mo, d)
        if (!ymd)
          return fail(`${label}は正しい日付を入力してください（年は西暦か和暦、例：2026年7月1日、令和8年）`)
        const hm = t ? parseTime(t) : (opts.defaultTime ?? null)
        if (!hm) return fail(`${label}の時刻は「13:30」のように24時間制で入力してください`)
        return jstMoment(ymd, hm)
      }
      return fail(`${label}の日時が正しくありません`)
    })
}

/** Collects <name>_year/_month/_day/_time of a form into { name: {year, month, day, time} }. */
export function collectDateTimeParts(body: Record<string, unknown>, names: string[]) {
  const out: Record<string, unknown> = { ...body }
  for (const n of names) {
    if (![`${n}_year`, `${n}_month`, `${n}_day`, `${n}_time`].some((k) => k in body)) continue
    out[n] = {
      year: String(body[`${n}_year`] ?? ''),
      month: String(body[`${n}_month`] ?? ''),
      day: String(body[`${n}_day`] ?? ''),
      time: String(body[`${n}_time`] ?? ''),
    }
  }
  return out
}

/** A moment as the form's parts (to fill the edit form). */
export function momentToParts(name: string, d: Date | null | undefined): Record<string, string> {
  if (!d) return {}
  const [y, m, day] = ymdInTokyo(d).split('-')
  return {
    [`${name}_year`]: y,
    [`${name}_month`]: String(Number(m)),
    [`${name}_day`]: String(Number(day)),
    [`${name}_time`]: hmInTokyo(d),
  }
}

const yesNo = (label: string) =>
  z
    .preprocess(
      (x) =>
        x === undefined || x === true || x === 'true' || x === 'on'
          ? 'yes'
          : x === false || x === 'false'
            ? 'no'
            : x,
      v.oneOf(label, ['yes', 'no'] as const),
    )
    .transform((x) => x === 'yes')

const httpUrl = (label: string) =>
  z.preprocess(
    (x) => (typeof x === 'string' ? x.trim() : (x ?? '')),
    z.union([
      z.literal(''),
      z
        .string()
        .max(500, { error: `${label}は500文字以内で入力してください` })
        .regex(/^https?:\/\/\S+$/, {
          error: `${label}は http:// または https:// で始まるURLを入力してください`,
        }),
    ]),
  )

/** The event form (pages and the JSON API share it); every message names its field. */
export const eventSchema = (fieldCodes: readonly string[] = NPO_FIELDS.map((f) => f.code)) =>
  z
    .object({
      kind: v.oneOf('種類', codes(EVENT_KINDS)),
      title: v.text('イベント名', { max: 100 }),
      titleKana: v.kana('イベント名（カナ）', { max: 200 }),
      description: v.optionalText('説明', { max: 4000 }),
      theme: v.optionalText('テーマ', { max: 200 }),
      fields: v.manyOf('分野', fieldCodes as [string, ...string[]]),
      startsAt: dateTime('開始日時', { required: true }).transform((d) => d as Date),
      endsAt: dateTime('終了日時', { required: true }).transform((d) => d as Date),
      online: z.preprocess((x) => x === 'online' || x === true || x === 'true', z.boolean()),
      onlineUrl: httpUrl('オンライン参加のURL'),
      placeName: v.optionalText('会場名', { max: 200 }),
      placeAddress: v.optionalText('会場の住所', { max: 300 }),
      placeAccessibility: v.optionalText('バリアフリー・配慮の情報', { max: 1000 }),
      placeAccess: v.optionalText('アクセス方法', { max: 1000 }),
      areaId: z.preprocess(
        (x) => (x === '' || x === undefined ? null : x),
        z.string().uuid({ message: '地区は一覧から選んでください' }).nullable(),
      ),
      capacity: v.int('定員', { min: 1, max: 100_000, optional: true }),
      audience: v.optionalText('対象', { max: 300 }),
      fee: v.optionalText('参加費', { max: 200 }),
      organiserDepartmentIds: uuidList('主催・共催の課'),
      organiserGroupIds: uuidList('主催・共催の団体'),
      contactName: v.optionalText('問い合わせ先の名称', { max: 200 }),
      contactPhone: v.phone('問い合わせ先の電話番号'),
      contactEmail: v.optionalEmail('問い合わせ先のメールアドレス'),
      acceptsRegistrations: yesNo('申込の受付'),
      registrationDeadline: dateTime('申込締切', { defaultTime: '23:59' }),
      status: z.preprocess((x) => x ?? 'draft', v.oneOf('状態', codes(EVENT_STATUSES))),
    })
    .superRefine((e, ctx) => {
      if (e.startsAt && e.endsAt && e.endsAt.getTime() <= e.startsAt.getTime())
        ctx.addIssue({
          code: 'custom',
          path: ['endsAt'],
          message: '終了日時は開始日時より後の日時を入力してください',
        })
      if (e.registrationDeadline && e.startsAt && e.registrationDeadline.getTime() > e.startsAt.getTime())
        ctx.addIssue({
          code: 'custom',
          path: ['registrationDeadline'],
          message: '申込締切は開始日時より前の日時を入力してください',
        })
      if (!e.online && !e.placeName)
        ctx.addIssue({
          code: 'custom',
          path: ['placeName'],
          message:
            '会場名を入力してください（オンライン開催の場合は開催方法で「オンライン」を選んでください）',
        })
      if (e.online && !e.onlineUrl && e.status === 'open')
        ctx.addIssue({
          code: 'custom',
          path: ['onlineUrl'],
          message: 'オンライン参加のURLを入力してください（募集を始める前に必要です）',
        })
    })
export type EventInput = z.output<ReturnType<typeof eventSchema>>

/** The registration form (residents need no account). */
export const registrationSchema = z.object({
  name: v.text('お名前', { max: 100 }),
  email: v.email('メールアドレス'),
  people: z
    .preprocess(
      (x) => (x === undefined || x === null || x === '' ? '1' : typeof x === 'number' ? String(x) : x),
      v.int('参加人数', { min: 1, max: 20 }),
    )
    .transform((n) => n as number),
  accessibilityNeeds: v.optionalText('配慮が必要なこと', { max: 1000 }),
  question: v.optionalText('質問・連絡事項', { max: 1000 }),
})
export type RegistrationInput = z.output<typeof registrationSchema>

// ------------------------------------------------------------------ seats and the waiting list

/** Seats left for `capacity` (null: no limit) when `taken` people are registered. */
export const seatsLeft = (capacity: number | null, taken: number) =>
  capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, capacity - taken)

/**
 * Where a new registration of `people` goes: registered when the seats are enough and nobody is
 * waiting before them, else the waiting list.
 */
export function placeFor(capacity: number | null, taken: number, people: number, waiting: number) {
  return waiting === 0 && seatsLeft(capacity, taken) >= people ? 'registered' : 'waitlisted'
}

/**
 * Who moves up from the waiting list (in the order they registered) when seats free up: the first
 * waiting registrations that fit, in order; the first one that does not fit stops the queue, so
 * nobody is passed over by a later, smaller registration.
 */
export function promotions<T extends { id: string; people: number }>(
  capacity: number | null,
  taken: number,
  waiting: T[],
): T[] {
  const out: T[] = []
  let left = seatsLeft(capacity, taken)
  for (const w of waiting) {
    if (w.people > left) break
    out.push(w)
    left -= w.people
  }
  return out
}

/** Why a registration is refused now, or null when it may be taken. */
export function registrationClosedReason(
  e: { status: string; acceptsRegistrations: boolean; registrationDeadline: Date | null; startsAt: Date },
  now = new Date(),
): string | null {
  if (!e.acceptsRegistrations) return 'このイベントはこのサイトでの申込を受け付けていません。'
  if (e.status === 'cancelled') return 'このイベントは中止になりました。'
  if (e.status !== 'open') return 'このイベントの申込受付は終了しました。'
  const until = e.registrationDeadline ?? e.startsAt
  if (now.getTime() > until.getTime()) return '申込締切を過ぎたため、申込を受け付けられません。'
  return null
}

/** The month grid (weeks from Sunday) of a YYYY-MM month in Japan, days as YYYY-MM-DD or null. */
export function monthGrid(ym: string): (string | null)[][] {
  const [y, m] = ym.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay()
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const cells: (string | null)[] = Array.from({ length: first }, () => null)
  for (let d = 1; d <= days; d++) cells.push(`${ym}-${String(d).padStart(2, '0')}`)
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** YYYY-MM one month before/after. */
export function shiftMonth(ym: string, by: number): string {
  const [y, m] = ym.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

export const isMonth = (s: string | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s)
