import { z } from 'zod'
import { v } from '../../core/validation.ts'
import type { FieldErrors } from '../../core/validation.ts'
import { hmInTokyo, jstMoment, parseTime } from './domain.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'

/**
 * Pure rules of calls for presenters (発表団体の募集・説明担当課の募集), the programme and the
 * questionnaire after the event.
 */

export const CALL_STATUSES = [
  { code: 'open', label: '募集中' },
  { code: 'closed', label: '締切' },
] as const

export const APPLICATION_STATUSES = [
  { code: 'applied', label: '審査中' },
  { code: 'selected', label: '選定' },
  { code: 'declined', label: '見送り' },
] as const

export const APPLICATION_KINDS = [
  { code: 'group', label: '発表団体' },
  { code: 'department', label: '説明担当課' },
] as const

export const SATISFACTION = [
  { code: '5', label: '5 とても満足' },
  { code: '4', label: '4 満足' },
  { code: '3', label: '3 ふつう' },
  { code: '2', label: '2 やや不満' },
  { code: '1', label: '1 不満' },
] as const

export const callSchema = z.object({
  theme: v.optionalText('募集のテーマ', { max: 200 }),
  message: v.optionalText('募集の案内', { max: 4000 }),
  accepts: v.manyOf('募集する相手', ['groups', 'departments'] as const, { min: 1 }),
  deadline: v.ymd('応募締切', false),
  status: v.oneOf('募集の状態', ['open', 'closed'] as const),
})
export type CallInput = z.output<typeof callSchema>

/** The applicant chooses as which of their groups or departments they apply ("group:<id>"). */
export const applicationSchema = (choices: string[]) =>
  z.object({
    as: z.enum((choices.length ? choices : ['-']) as [string, ...string[]], {
      error: '申し込む団体・課を一覧から選んでください',
    }),
    title: v.text('発表・説明の題目', { max: 100 }),
    summary: v.optionalText('内容の概要', { max: 2000 }),
    minutes: v.int('必要な時間（分）', { min: 5, max: 120 }),
  })
export type ApplicationInput = z.output<ReturnType<typeof applicationSchema>>

export const decisionSchema = z.object({
  status: v.oneOf('選定の結果', ['applied', 'selected', 'declined'] as const),
  decisionNote: v.optionalText('申込者への連絡', { max: 1000 }),
})

export const hearingSchema = z.object({
  hearingOn: v.ymd('ヒアリングの日付'),
  hearingNotes: v.optionalText('ヒアリングの記録', { max: 4000 }),
})

export const surveySchema = (groupIds: string[], departmentIds: string[]) =>
  z.object({
    satisfaction: z
      .enum(['1', '2', '3', '4', '5'], { error: '満足度を5段階から選んでください' })
      .transform(Number),
    metGroupIds: v.manyOf('話をした団体', (groupIds.length ? groupIds : ['-']) as [string, ...string[]]),
    metDepartmentIds: v.manyOf(
      '話をした課',
      (departmentIds.length ? departmentIds : ['-']) as [string, ...string[]],
    ),
    comment: v.optionalText('ご意見・ご感想', { max: 2000 }),
  })

/** The end of a call's deadline day in Japan. */
export const deadlineMoment = (ymd: string | null) => (ymd ? jstMoment(ymd, '23:59') : null)

export const callIsOpen = (
  c: { status: string; deadline: Date | null } | null | undefined,
  now = new Date(),
): boolean => !!c && c.status === 'open' && (!c.deadline || c.deadline.getTime() >= now.getTime())

export interface SlotRow {
  id: string
  name: string
  order: string
  start: string
  minutes: string
}
export interface Slot {
  id: string
  order: number
  startsAt: Date
  minutes: number
}

/**
 * Order the programme: rows sorted by the order typed (blank last, then as listed); a blank start
 * follows the previous slot (the first starts with the event). Each slot must lie inside the event.
 */
export function fillSlots(
  e: { startsAt: Date; endsAt: Date },
  rows: SlotRow[],
  fallbackMinutes: Map<string, number>,
): { ok: true; slots: Slot[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const parsed = rows.map((r, i) => {
    const o = r.order.normalize('NFKC').trim()
    const order = o === '' ? null : Number(o)
    if (order !== null && (!Number.isInteger(order) || order < 1 || order > 99))
      errors[`order_${r.id}`] = `「${r.name}」の順番は1〜99の半角数字で入力してください`
    const s = r.start.trim()
    const hm = s ? parseTime(s) : null
    if (s && !hm)
      errors[`start_${r.id}`] = `「${r.name}」の開始時刻は「13:30」のように24時間制で入力してください`
    const m = r.minutes.normalize('NFKC').trim()
    const minutes = m === '' ? (fallbackMinutes.get(r.id) ?? 10) : Number(m)
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)
      errors[`minutes_${r.id}`] = `「${r.name}」の時間は1〜240分の半角数字で入力してください`
    return { r, i, order, hm, minutes }
  })
  if (Object.keys(errors).length) return { ok: false, errors }
  parsed.sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.i - b.i)
  const day = ymdInTokyo(e.startsAt)
  let cursor = e.startsAt
  const slots: Slot[] = []
  parsed.forEach((p, k) => {
    const startsAt = p.hm ? jstMoment(day, p.hm) : cursor
    const ends = new Date(startsAt.getTime() + p.minutes * 60_000)
    if (startsAt.getTime() < e.startsAt.getTime())
      errors[`start_${p.r.id}`] =
        `「${p.r.name}」の開始時刻はイベントの開始（${hmInTokyo(e.startsAt)}）より後にしてください`
    else if (ends.getTime() > e.endsAt.getTime())
      errors[`minutes_${p.r.id}`] =
        `「${p.r.name}」の枠（${hmInTokyo(startsAt)}〜${hmInTokyo(ends)}）がイベントの終了（${hmInTokyo(e.endsAt)}）を過ぎています。時間か順番を見直してください`
    slots.push({ id: p.r.id, order: k + 1, startsAt, minutes: p.minutes })
    cursor = ends
  })
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, slots }
}

export interface PairSuggestion {
  groupId: string
  departmentId: string
  /** Answers naming both. */
  answers: number
  /** Both were in the programme (or organised the event). */
  together: boolean
}

/**
 * "Group X met department Y": every group × department named together in one answer, and every
 * group × department that presented (or organised) the event together. Most cited first.
 */
export function pairSuggestions(
  answers: { metGroupIds: string[]; metDepartmentIds: string[] }[],
  programme: { groupIds: string[]; departmentIds: string[] },
): PairSuggestion[] {
  const m = new Map<string, PairSuggestion>()
  const key = (g: string, d: string) => `${g}|${d}`
  const get = (g: string, d: string) => {
    const found = m.get(key(g, d))
    if (found) return found
    const s = { groupId: g, departmentId: d, answers: 0, together: false }
    m.set(key(g, d), s)
    return s
  }
  for (const a of answers)
    for (const g of new Set(a.metGroupIds)) for (const d of new Set(a.metDepartmentIds)) get(g, d).answers++
  for (const g of programme.groupIds) for (const d of programme.departmentIds) get(g, d).together = true
  return [...m.values()].sort((a, b) => b.answers - a.answers || Number(b.together) - Number(a.together))
}
