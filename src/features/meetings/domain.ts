import { z } from 'zod'
import { parseYmd, ymdInTokyo } from '../../core/japanese/index.ts'
import { v } from '../../core/validation.ts'
import { dateTime, hmInTokyo, jstMoment, parseTime } from '../events/index.ts'

/** Pure rules of adjustment meetings (調整会議): codes, forms, the table of marks, due dates. */

export const SUBJECT_TYPES = [
  { code: 'pairing', label: '協働の調整（マッチング）' },
  { code: 'consultation', label: '相談' },
  { code: 'proposal', label: '提案' },
  { code: 'project', label: '協働事業' },
  { code: 'none', label: 'なし' },
] as const
export type SubjectType = (typeof SUBJECT_TYPES)[number]['code']
export const isSubjectType = (s: unknown): s is SubjectType => SUBJECT_TYPES.some((x) => x.code === s)

/** Where a subject's page is (for the link back). */
export function subjectHref(type: string, id: string | null): string | null {
  if (!id) return null
  switch (type) {
    case 'pairing':
      return `/coordination/pairings/${id}`
    case 'consultation':
      return `/consultations/${id}`
    case 'proposal':
      return `/proposals/${id}`
    case 'project':
      return `/projects/${id}`
    default:
      return null
  }
}

export const MEETING_STATUSES = [
  { code: 'scheduling', label: '日程調整中' },
  { code: 'scheduled', label: '開催予定' },
  { code: 'held', label: '開催済' },
  { code: 'cancelled', label: '中止' },
] as const

export const MARKS = [
  { code: 'yes', label: '○', title: '参加できる' },
  { code: 'maybe', label: '△', title: '調整すれば参加できる' },
  { code: 'no', label: '×', title: '参加できない' },
] as const
export type Mark = (typeof MARKS)[number]['code']
export const markLabel = (m: string) => MARKS.find((x) => x.code === m)?.label ?? '—'

/** A mark as people and programs write it: ○△× (and their look-alikes), yes/maybe/no. */
export function parseMark(x: unknown): Mark | null {
  const s = String(x ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
  if (['yes', 'ok', '○', '◯', 'o', '〇'].includes(s)) return 'yes'
  if (['maybe', '△', '▲'].includes(s)) return 'maybe'
  if (['no', '×', 'x', '✕', '✖'].includes(s)) return 'no'
  return null
}

export const ACTION_STATES = [
  { code: 'todo', label: '未着手' },
  { code: 'doing', label: '対応中' },
  { code: 'done', label: '完了' },
] as const
export type ActionState = (typeof ACTION_STATES)[number]['code']
export const actionStateLabel = (s: string) => ACTION_STATES.find((x) => x.code === s)?.label ?? s

/**
 * Outside people's e-mail addresses (and their links) are erased this many days after the meeting
 * (its date, or its creation when never fixed); name and organisation stay with the record.
 */
export const OUTSIDE_RETENTION_DAYS = 365

/** How many candidate rows the form offers. */
export const CANDIDATE_ROWS = 5
/** How many outside-person rows the form offers. */
export const OUTSIDE_ROWS = 3
/** At most this many candidates per meeting. */
export const MAX_CANDIDATES = 30

export interface Candidate {
  startsAt: Date
  endsAt: Date
}

/**
 * One candidate from the form: 年/月/日 (western or 和暦, full-width digits too), a start and an end
 * time of day; an end at or before the start is refused with the candidate named.
 */
export function candidateFromParts(
  n: number,
  p: { year?: string; month?: string; day?: string; start?: string; end?: string },
): { ok: true; value: Candidate } | { ok: false; message: string } | null {
  const label = `候補日時${n}`
  const parts = [p.year, p.month, p.day, p.start, p.end].map((s) => String(s ?? '').trim())
  if (parts.every((s) => !s)) return null
  const ymd = parseYmd(parts[0], parts[1], parts[2])
  if (!ymd)
    return {
      ok: false,
      message: `${label}の日付は正しい日付を入力してください（年は西暦か和暦、例：2026年7月1日、令和8年）`,
    }
  const start = parseTime(parts[3])
  if (!start) return { ok: false, message: `${label}の開始時刻は「13:30」のように24時間制で入力してください` }
  const end = parseTime(parts[4])
  if (!end) return { ok: false, message: `${label}の終了時刻は「15:00」のように24時間制で入力してください` }
  const value = { startsAt: jstMoment(ymd, start), endsAt: jstMoment(ymd, end) }
  if (value.endsAt.getTime() <= value.startsAt.getTime())
    return { ok: false, message: `${label}の終了時刻は開始時刻より後にしてください` }
  return { ok: true, value }
}

/** A candidate as the API sends it: ISO 8601 start and end (without an offset: Japan time). */
const apiCandidate = (n: number) =>
  z
    .object({
      startsAt: dateTime(`候補日時${n}の開始`, { required: true }),
      endsAt: dateTime(`候補日時${n}の終了`, { required: true }),
    })
    .superRefine((c, ctx) => {
      if (c.startsAt && c.endsAt && c.endsAt.getTime() <= c.startsAt.getTime())
        ctx.addIssue({
          code: 'custom',
          path: ['endsAt'],
          message: `候補日時${n}の終了は開始より後にしてください`,
        })
    })

/**
 * Candidates from the form (c1_year … c5_end) or the API ([{startsAt, endsAt}]): parsed, the first
 * problem of each reported under `candidates.<i>`, at least one required.
 */
export const candidatesSchema = z.unknown().transform((x, ctx): Candidate[] => {
  const out: Candidate[] = []
  let problems = 0
  const issue = (i: number, message: string) => {
    problems++
    ctx.addIssue({ code: 'custom', path: [i], message })
  }
  if (Array.isArray(x)) {
    if (x.length > MAX_CANDIDATES)
      ctx.addIssue({ code: 'custom', message: `候補日時は${MAX_CANDIDATES}件までにしてください` })
    x.slice(0, MAX_CANDIDATES).forEach((c, i) => {
      if (typeof c !== 'object' || c === null) {
        issue(i, `候補日時${i + 1}は {"startsAt","endsAt"} の形で指定してください`)
        return
      }
      const r = apiCandidate(i + 1).safeParse(c)
      if (!r.success) issue(i, r.error.issues[0].message)
      else out.push({ startsAt: r.data.startsAt as Date, endsAt: r.data.endsAt as Date })
    })
  } else if (x && typeof x === 'object') {
    const rows = x as Record<string, Record<string, string>>
    for (let i = 0; i < CANDIDATE_ROWS; i++) {
      const r = candidateFromParts(i + 1, rows[i] ?? {})
      if (!r) continue
      if (!r.ok) issue(i, r.message)
      else out.push(r.value)
    }
  }
  if (!out.length && !problems) ctx.addIssue({ code: 'custom', message: '候補日時を1つ以上入力してください' })
  return out
})

/** Collects the form's candidate rows c<n>_year … into { candidates: {0: {...}, …} }. */
export function collectCandidateRows(body: Record<string, unknown>) {
  const rows: Record<number, Record<string, string>> = {}
  for (let i = 0; i < CANDIDATE_ROWS; i++)
    rows[i] = Object.fromEntries(
      ['year', 'month', 'day', 'start', 'end'].map((k) => [k, String(body[`c${i + 1}_${k}`] ?? '')]),
    )
  return rows
}

/** Collects the form's outside-person rows o<n>_name … into a list (blank rows dropped). */
export function collectOutsideRows(body: Record<string, unknown>) {
  const out: { name: string; email: string; organisation: string }[] = []
  for (let i = 1; i <= OUTSIDE_ROWS; i++) {
    const r = {
      name: String(body[`o${i}_name`] ?? ''),
      email: String(body[`o${i}_email`] ?? ''),
      organisation: String(body[`o${i}_organisation`] ?? ''),
    }
    if (r.name.trim() || r.email.trim() || r.organisation.trim()) out.push(r)
  }
  return out
}

export const personSchema = z.object({
  name: v.text('氏名', { max: 100 }),
  email: v.email('メールアドレス'),
  organisation: v.optionalText('所属（大学・企業など）', { max: 100 }),
})
export type PersonInput = z.output<typeof personSchema>

const people = z
  .preprocess((x) => (x === undefined || x === null ? [] : x), z.array(z.unknown()).max(30))
  .transform((list, ctx) => {
    const out: PersonInput[] = []
    list.forEach((p, i) => {
      const r = personSchema.safeParse(p)
      if (!r.success)
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `参加者${i + 1}の${r.error.issues[0].message}`,
        })
      else out.push(r.data)
    })
    return out
  })

const uuids = (label: string) =>
  z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]),
    z.array(z.string().uuid({ error: `${label}は一覧から選んでください` })).max(100),
  )

/** The meeting form (and the body of POST /api/v1/meetings). */
export const meetingSchema = z.object({
  title: v.text('会議名', { max: 120 }),
  subjectType: z.preprocess(
    (x) => x || 'none',
    v.oneOf(
      '会議の対象',
      SUBJECT_TYPES.map((s) => s.code),
    ),
  ),
  subjectId: z.preprocess(
    (x) => (x === '' || x === undefined ? null : x),
    z.string().uuid({ error: '会議の対象が正しくありません' }).nullable(),
  ),
  place: v.optionalText('場所', { max: 200 }),
  agenda: v.optionalText('議題', { max: 4000 }),
  candidates: candidatesSchema,
  /** Accounts that take part (chosen from the suggestions). */
  userIds: uuids('参加者'),
  /** Departments that take part as a whole (their staff see the meeting). */
  departmentIds: uuids('参加する課'),
  /** People by e-mail: an account of the city if the address is one, otherwise an outside person. */
  people,
})
export type MeetingInput = z.output<typeof meetingSchema>

/** Availability: one mark per candidate, and a comment. */
export function availabilitySchema(candidateIds: string[]) {
  return z.object({
    marks: z.record(z.string(), z.unknown()).transform((m, ctx) => {
      const out: Record<string, Mark> = {}
      candidateIds.forEach((id, i) => {
        const mark = parseMark(m[id])
        if (!mark)
          ctx.addIssue({
            code: 'custom',
            path: [id],
            message: `候補日時${i + 1}の都合を○・△・×から選んでください`,
          })
        else out[id] = mark
      })
      for (const id of Object.keys(m))
        if (!candidateIds.includes(id))
          ctx.addIssue({ code: 'custom', path: [id], message: '候補日時は一覧から選んでください' })
      return out
    }),
    comment: v.optionalText('コメント', { max: 500 }),
  })
}

/** Collects mark_<candidateId> fields of the form into { marks: {id: mark} }. */
export function collectMarks(body: Record<string, unknown>) {
  const marks: Record<string, unknown> = {}
  for (const [k, val] of Object.entries(body)) if (k.startsWith('mark_')) marks[k.slice(5)] = val
  return { marks, comment: body.comment }
}

export const minutesSchema = z.object({
  agenda: v.optionalText('議題', { max: 4000 }),
  minutes: v.optionalText('議事録', { max: 20_000 }),
  decisions: v.optionalText('決定事項', { max: 4000 }),
})
export type MinutesInput = z.output<typeof minutesSchema>

/** A due date: 年/月/日 parts from the form, or YYYY-MM-DD (also 和暦 and full-width) from the API. */
const dueDate = z.unknown().transform((x, ctx): string => {
  const bad = () => {
    ctx.addIssue({
      code: 'custom',
      message: '期限は正しい日付を入力してください（年は西暦か和暦、例：2026年7月1日、令和8年）',
    })
    return z.NEVER
  }
  if (x === undefined || x === null || x === '') {
    ctx.addIssue({ code: 'custom', message: '期限を入力してください' })
    return z.NEVER
  }
  if (typeof x === 'object') {
    const p = x as Record<string, unknown>
    if (!p.year && !p.month && !p.day) {
      ctx.addIssue({ code: 'custom', message: '期限を入力してください' })
      return z.NEVER
    }
    return parseYmd(String(p.year ?? ''), String(p.month ?? ''), String(p.day ?? '')) ?? bad()
  }
  if (typeof x !== 'string') return bad()
  const s = x.normalize('NFKC').trim()
  const m = s.match(/^(.+?)[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/)
  return (m && parseYmd(m[1], m[2], m[3])) || bad()
})

export const actionSchema = z.object({
  title: v.text('対応事項', { max: 200 }),
  ownerId: z.preprocess(
    (x) => (x === '' ? undefined : x),
    z.string({ error: '担当者を選んでください' }).uuid({ error: '担当者を一覧から選んでください' }),
  ),
  dueOn: dueDate,
})
export type ActionInput = z.output<typeof actionSchema>

export const actionStateSchema = z.object({
  state: v.oneOf(
    '状態',
    ACTION_STATES.map((s) => s.code),
  ),
})

// ------------------------------------------------------------------ the table of marks

export interface Tally {
  yes: number
  maybe: number
  no: number
}

/** Counts per candidate, and the best ones (most ○, then fewest ×, then most △). */
export function tally(candidateIds: string[], marks: { candidateId: string; mark: string }[]) {
  const counts = new Map<string, Tally>(candidateIds.map((id) => [id, { yes: 0, maybe: 0, no: 0 }]))
  for (const m of marks) {
    const t = counts.get(m.candidateId)
    if (t && (m.mark === 'yes' || m.mark === 'maybe' || m.mark === 'no')) t[m.mark]++
  }
  const score = (t: Tally) => [t.yes, -t.no, t.maybe]
  let best: string[] = []
  let top: number[] | null = null
  for (const id of candidateIds) {
    const s = score(counts.get(id)!)
    const cmp = top ? s.findIndex((x, i) => x !== top![i]) : -1
    if (!top || (cmp >= 0 && s[cmp] > top[cmp])) {
      top = s
      best = [id]
    } else if (cmp === -1) best.push(id)
  }
  const anyMark = marks.length > 0
  return { counts, best: anyMark ? best : [] }
}

/** 2026年7月1日（水）13:30〜15:00 */
export function whenLabel(startsAt: Date, endsAt: Date): string {
  const day = new Intl.DateTimeFormat('ja-JP', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(startsAt)
  const sameDay = ymdInTokyo(startsAt) === ymdInTokyo(endsAt)
  return `${day.replace(/\((.)\)$/, '（$1）')} ${hmInTokyo(startsAt)}〜${sameDay ? '' : `${ymdInTokyo(endsAt)} `}${hmInTokyo(endsAt)}`
}

/** Whether an open action item is past its due date (a day in Japan). */
export const isOverdue = (a: { state: string; dueOn: string }, now = new Date()) =>
  a.state !== 'done' && a.dueOn < ymdInTokyo(now)
