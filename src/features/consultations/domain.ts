import { z } from 'zod'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { v } from '../../core/validation.ts'

/** Who is asking (相談する人の種別). */
export const SENDER_KINDS = [
  { code: 'resident', label: '市民（個人）' },
  { code: 'group', label: '市民活動団体・NPO' },
  { code: 'business', label: '企業・事業者' },
  { code: 'other', label: 'その他（大学・学校など）' },
] as const
export type SenderKind = (typeof SENDER_KINDS)[number]['code']

/** Where the sender sends it. */
export const DESTINATIONS = [
  { code: 'office', label: '協働の窓口（市民協働推進課）に送る' },
  { code: 'department', label: '選んだ課に直接送る' },
  { code: 'both', label: '協働の窓口と選んだ課の両方に送る' },
] as const
export type Destination = (typeof DESTINATIONS)[number]['code']

/** 受付 → 確認中 → 回答済 → 完了 */
export const STATUSES = [
  { code: 'received', label: '受付', tone: 'blue' },
  { code: 'reviewing', label: '確認中', tone: 'orange' },
  { code: 'answered', label: '回答済', tone: 'green' },
  { code: 'closed', label: '完了', tone: 'gray' },
] as const
export type Status = (typeof STATUSES)[number]['code']
export const STATUS_CODES = STATUSES.map((s) => s.code) as Status[]
export const statusLabel = (s: string) => STATUSES.find((x) => x.code === s)?.label ?? s
export const statusTone = (s: string) => STATUSES.find((x) => x.code === s)?.tone ?? 'gray'
/** Still waiting for the city (overdue reminders and the counts on the menus). */
export const OPEN_STATUSES: Status[] = ['received', 'reviewing']

/** The sender's name and contact are blanked this many days after the consultation was closed (完了). */
export const CONSULTATION_RETENTION_DAYS = 365

/** 相談-2026-0001 */
export const receiptNo = (year: number, seq: number) => `相談-${year}-${String(seq).padStart(4, '0')}`

/** The calendar year in Japan the receipt number counts in. */
export const receiptYear = (d = new Date()) => Number(ymdInTokyo(d).slice(0, 4))

/** Past its due date (a day in Japan) and still waiting for the city. */
export function isOverdue(c: { status: string; dueOn: string | null }, now = new Date()): boolean {
  return !!c.dueOn && OPEN_STATUSES.includes(c.status as Status) && c.dueOn < ymdInTokyo(now)
}

/** The next status after an event: a reply answers it; assignment starts the review. */
export function statusAfter(current: string, event: 'assign' | 'reply'): Status {
  if (event === 'reply') return current === 'closed' ? 'closed' : 'answered'
  return current === 'received' ? 'reviewing' : (current as Status)
}

/** The step a status has reached (for the sender's timeline): 0 受付 … 3 完了. */
export const statusStep = (s: string) => Math.max(0, STATUS_CODES.indexOf(s as Status))

const kindCodes = SENDER_KINDS.map((k) => k.code) as SenderKind[]
const destCodes = DESTINATIONS.map((d) => d.code) as Destination[]

/** What the sender writes (the form and POST /api/v1/consultations). */
export const askSchema = z.object({
  text: v.text('相談の内容', { max: 4000 }),
  senderKind: z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? 'resident' : x),
    v.oneOf('相談する人の種別', kindCodes),
  ),
  name: v.text('お名前', { max: 100 }),
  email: v.email(),
  phone: v.phone('電話番号'),
  groupName: v.optionalText('団体・会社の名前', { max: 200 }),
})
export type AskInput = z.output<typeof askSchema>

/** Where it goes (the second step). */
export const sendSchema = askSchema.extend({
  destination: z.preprocess(
    (x) => (x === undefined || x === null || x === '' ? 'office' : x),
    v.oneOf('送り先', destCodes),
  ),
  departmentId: z.preprocess((x) => (x === undefined || x === null ? '' : x), z.string()),
})
export type SendInput = z.output<typeof sendSchema>

/** A destination that names a department needs one. */
export function destinationErrors(d: { destination: string; departmentId: string }): Record<string, string> {
  if (d.destination !== 'office' && !d.departmentId)
    return {
      departmentId:
        '送り先の課を一覧から選んでください（わからないときは「協働の窓口に送る」を選んでください）',
    }
  return {}
}

export const replySchema = z.object({ body: v.text('回答', { max: 8000 }) })
export const noteSchema = z.object({ body: v.text('内部メモ', { max: 8000 }) })
export const templateSchema = z.object({
  title: v.text('テンプレートの名前', { max: 100 }),
  body: v.text('テンプレートの本文', { max: 8000 }),
})
export const statusSchema = z.object({ status: v.oneOf('状態', STATUS_CODES) })
