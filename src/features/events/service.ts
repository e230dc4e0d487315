import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm'
import { audit, diff } from '../../core/audit/index.ts'
import { randomToken, sha256, safeEqual } from '../../core/auth/crypto.ts'
import type { Ctx } from '../../core/context.ts'
import { idSet, inListOrder, setLinks } from '../../core/db/links.ts'
import { byId, inCity, inTransaction } from '../../core/db/tenant.ts'
import { AppError } from '../../core/errors.ts'
import { formatDateTime, formatEra } from '../../core/japanese/index.ts'
import { sendMail } from '../../core/mail/index.ts'
import { can } from '../../core/policy.ts'
import { isCityStaff } from '../../core/roles.ts'
import { labelOf } from '../../core/vocabulary.ts'
import { groupNames, publishedGroups } from '../groups/index.ts'
import { lookups } from '../needs/index.ts'
import {
  EVENT_DATA_RETENTION_DAYS,
  EVENT_KINDS,
  EVENT_STATUSES as EVENT_STATUSES_LIST,
  EVENT_TRANSITIONS,
  type EventInput,
  LISTED_STATUSES,
  placeFor,
  PROMOTING_STATUSES,
  promotions,
  type RegistrationInput,
  registrationClosedReason,
} from './domain.ts'
import { type EventRow, eventColumns, organiserDepartmentLinks, organiserGroupLinks } from './columns.ts'
import { eventRegistrations, events } from './schema.ts'

export type { EventRow }
export type Registration = typeof eventRegistrations.$inferSelect

const DAY = 86_400_000

export function baseUrl(ctx: Pick<Ctx, 'config'>) {
  return (ctx.config.KYODO_BASE_URL ?? `http://localhost:${ctx.config.PORT}`).replace(/\/$/, '')
}

/** What the event pages need to name things: the city's fields, departments and published groups. */
export async function eventLookups(ctx: Ctx) {
  const [lk, groups] = await Promise.all([lookups(ctx), publishedGroups(ctx, 2000)])
  const groupName = new Map(groups.map((g) => [g.id, g.name]))
  return {
    fields: lk.fields,
    fieldName: lk.fieldName,
    departments: lk.departments.filter((d) => d.active),
    areas: lk.areas,
    areaName: lk.areaName,
    depName: lk.depName,
    groups,
    groupName: (id: string) => groupName.get(id) ?? '',
  }
}
export type EventLookups = Awaited<ReturnType<typeof eventLookups>>

/** 令和8年7月1日（水）13:30〜15:30 — the time of an event in Japan, with the era. */
export function eventWhen(e: Pick<EventRow, 'startsAt' | 'endsAt'>): string {
  const wd = (d: Date) =>
    new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'Asia/Tokyo' }).format(d)
  const hm = (d: Date) => formatDateTime(d).split(' ')[1]
  const sameDay = formatEra(e.startsAt) === formatEra(e.endsAt)
  return sameDay
    ? `${formatEra(e.startsAt)}（${wd(e.startsAt)}）${hm(e.startsAt)}〜${hm(e.endsAt)}`
    : `${formatEra(e.startsAt)}（${wd(e.startsAt)}）${hm(e.startsAt)}〜${formatEra(e.endsAt)}（${wd(e.endsAt)}）${hm(e.endsAt)}`
}

/** 令和8年6月24日 17:00 */
export const eraDateTime = (d: Date) => `${formatEra(d)} ${formatDateTime(d).split(' ')[1]}`

// ------------------------------------------------------------------ events

/** Group and department ids that are not this city's are refused with the field named. */
async function checkOrganisers(ctx: Ctx, d: EventInput) {
  const lk = await eventLookups(ctx)
  const errors: Record<string, string> = {}
  if (d.organiserDepartmentIds.some((id) => !lk.departments.some((x) => x.id === id)))
    errors.organiserDepartmentIds = '主催・共催の課は一覧から選んでください'
  if (d.organiserGroupIds.some((id) => !lk.groups.some((x) => x.id === id)))
    errors.organiserGroupIds = '主催・共催の団体は一覧から選んでください'
  if (d.areaId && !lk.areas.some((a) => a.id === d.areaId)) errors.areaId = '地区は一覧から選んでください'
  if (Object.keys(errors).length) throw new AppError(422, 'validation', '入力内容に誤りがあります。', errors)
}

/** The event's columns without the organisers (join tables), and the organisers as sets. */
function split(d: EventInput) {
  const { organiserDepartmentIds, organiserGroupIds, ...cols } = d
  return {
    cols,
    organisers: {
      organiserDepartmentIds: idSet(organiserDepartmentIds),
      organiserGroupIds: idSet(organiserGroupIds),
    },
  }
}

/** Replace the event's organisers (inside the use case's transaction). */
async function setOrganisers(
  ctx: Ctx,
  eventId: string,
  o: Pick<EventRow, 'organiserDepartmentIds' | 'organiserGroupIds'>,
) {
  await setLinks(ctx, organiserDepartmentLinks, eventId, o.organiserDepartmentIds)
  await setLinks(ctx, organiserGroupLinks, eventId, o.organiserGroupIds)
}

export async function createEvent(ctx: Ctx, d: EventInput): Promise<EventRow> {
  await checkOrganisers(ctx, d)
  if (!['draft', 'open'].includes(d.status))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      status: '状態は「下書き」か「募集中」を選んでください',
    })
  const { cols, organisers } = split(d)
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(events)
      .values({ ...cols, municipalityId: tx.tenantId, createdBy: tx.actor?.userId ?? null })
      .returning()
    await setOrganisers(tx, row.id, organisers)
    const e: EventRow = { ...row, ...organisers }
    await audit(tx, {
      action: 'event.create',
      entityType: 'event',
      entityId: e.id,
      changes: diff(null, { ...cols, ...organisers }),
    })
    return e
  })
}

export async function updateEvent(ctx: Ctx, before: EventRow, d: EventInput): Promise<EventRow> {
  await checkOrganisers(ctx, d)
  if (d.status !== before.status && !EVENT_TRANSITIONS[before.status]?.includes(d.status))
    throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
      status: `状態は「${labelOf(EVENT_STATUSES_LIST, before.status)}」から「${labelOf(EVENT_STATUSES_LIST, d.status)}」には変えられません`,
    })
  const { cols, organisers } = split(d)
  const done = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(events)
      .set({ ...cols, updatedAt: new Date() })
      .where(byId(tx, events, before.id))
      .returning()
    await setOrganisers(tx, row.id, organisers)
    const e: EventRow = { ...row, ...organisers }
    await audit(tx, {
      action: 'event.update',
      entityType: 'event',
      entityId: e.id,
      changes: diff(before as unknown as Record<string, unknown>, { ...cols, ...organisers }),
    })
    // more seats (or no limit) may let people move up from the waiting list
    return { e, moved: await promoteWaiting(tx, e) }
  })
  for (const r of done.moved) await mailPromotion(ctx, done.e, r)
  return done.e
}

/** One event if the actor may see it. */
export async function getEvent(ctx: Ctx, id: string): Promise<EventRow | null> {
  const [e] = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(byId(ctx, events, id))
  if (!e || !can(ctx.actor, 'event.view', e)) return null
  return e
}

export interface EventFilter {
  kind?: string
  field?: string
  /** 地区 (area id) */
  area?: string
  /** YYYY-MM (Japan) */
  month?: string
  /** only events that have not ended (default when no month is given) */
  upcoming?: boolean
  page?: number
  perPage?: number
}

/** Events the actor may see, soonest first (or by the month), with counts for the filters. */
export async function listEvents(ctx: Ctx, f: EventFilter = {}) {
  const conds = [
    f.month
      ? and(
          gte(events.startsAt, new Date(`${f.month}-01T00:00:00+09:00`)),
          lt(events.startsAt, new Date(`${nextMonth(f.month)}-01T00:00:00+09:00`)),
        )
      : undefined,
    f.upcoming ? gte(events.endsAt, new Date()) : undefined,
  ]
  const rows = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(inCity(ctx, events, ...conds))
    .orderBy(f.upcoming || f.month ? asc(events.startsAt) : desc(events.startsAt))
  const visible = rows.filter((e) => can(ctx.actor, 'event.view', e))
  const pass = (e: EventRow, skip?: string) =>
    (skip === 'kind' || !f.kind || e.kind === f.kind) &&
    (skip === 'field' || !f.field || e.fields.includes(f.field)) &&
    (skip === 'area' || !f.area || e.areaId === f.area)
  const count = (skip: string, key: (e: EventRow) => string[]) => {
    const m = new Map<string, number>()
    for (const e of visible) if (pass(e, skip)) for (const k of key(e)) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const items = visible.filter((e) => pass(e))
  const page = f.page ?? 1
  const per = f.perPage ?? 20
  return {
    total: items.length,
    all: items,
    items: items.slice((page - 1) * per, page * per),
    facets: {
      kind: count('kind', (e) => [e.kind]),
      field: count('field', (e) => e.fields),
      area: count('area', (e) => (e.areaId ? [e.areaId] : [])),
    },
  }
}

function nextMonth(ym: string) {
  const [y, m] = ym.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** Published events for the feeds and open data: not drafts, never 職員研修. */
export async function publicEvents(ctx: Ctx, opts: { field?: string; withCancelled?: boolean } = {}) {
  const statuses = opts.withCancelled ? [...LISTED_STATUSES, 'cancelled'] : LISTED_STATUSES
  const rows = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(inCity(ctx, events, inArray(events.status, statuses), ne(events.kind, 'staff_training')))
    .orderBy(asc(events.startsAt))
  return rows.filter((e) => !opts.field || e.fields.includes(opts.field))
}

/** Names of the organisers (departments first, then groups). */
export async function organiserNames(
  ctx: Ctx,
  e: Pick<EventRow, 'organiserDepartmentIds' | 'organiserGroupIds'>,
) {
  const lk = await lookups(ctx)
  const gs = await groupNames(ctx, e.organiserGroupIds)
  return [
    ...inListOrder(
      e.organiserDepartmentIds,
      lk.departments.map((d) => d.id),
    ).map((d) => lk.depName(d)),
    ...e.organiserGroupIds.map((g) => gs.get(g) ?? ''),
  ].filter(Boolean)
}

/** Seats taken (people registered) and the length of the waiting list. */
export async function seatCounts(ctx: Pick<Ctx, 'db' | 'tenantId'>, eventId: string) {
  const rows = await ctx.db
    .select({
      status: eventRegistrations.status,
      people: sql<number>`coalesce(sum(${eventRegistrations.people}), 0)::int`,
      n: sql<number>`count(*)::int`,
    })
    .from(eventRegistrations)
    .where(inCity(ctx, eventRegistrations, eq(eventRegistrations.eventId, eventId)))
    .groupBy(eventRegistrations.status)
  const of = (s: string) => rows.find((r) => r.status === s)
  return {
    taken: Number(of('registered')?.people ?? 0),
    registrations: Number(of('registered')?.n ?? 0),
    waiting: Number(of('waitlisted')?.n ?? 0),
    waitingPeople: Number(of('waitlisted')?.people ?? 0),
  }
}

// ------------------------------------------------------------------ registration

function confirmationMail(ctx: Ctx, e: EventRow, r: Registration, token: string) {
  const cancel = `${baseUrl(ctx)}/registrations/${r.id}/cancel?token=${token}`
  const where = e.online
    ? `オンライン（${e.onlineUrl || 'URLは追ってお知らせします'}）`
    : `${e.placeName} ${e.placeAddress}`
  const head =
    r.status === 'registered'
      ? `${r.name} 様\n\n「${e.title}」へのお申込みを受け付けました（${r.people}名）。`
      : `${r.name} 様\n\n「${e.title}」は満席のため、キャンセル待ちとして受け付けました（${r.people}名）。\n席が空くと自動で繰り上がり、メールでお知らせします。まだ参加は確定していません。`
  return {
    to: r.email,
    subject:
      r.status === 'registered'
        ? `【${ctx.municipality.name}】申込受付：${e.title}`
        : `【${ctx.municipality.name}】キャンセル待ち受付：${e.title}`,
    body: `${head}\n\n日時：${eventWhen(e)}\n会場：${where}\nイベントのページ：${baseUrl(ctx)}/events/${e.id}\n\n参加をとりやめる場合は、次のページから取り消してください（このメールの受取人だけが使えるURLです）。\n${cancel}\n\n${ctx.municipality.officeName}\n`,
  }
}

/**
 * Register for an event (anyone; signed-in users are linked). Refused after the deadline, when the
 * event is not open, and for an e-mail already registered; when the seats are short the person
 * goes on the waiting list. A confirmation with a cancel link is mailed; only the token's hash is kept.
 */
export async function register(ctx: Ctx, eventId: string, d: RegistrationInput, now = new Date()) {
  const result = await inTransaction(ctx, async (tx) => {
    // one registration at a time per event: the row lock orders concurrent requests
    const [e] = await tx.db
      .select(eventColumns)
      .from(events)
      .where(byId(tx, events, eventId))
      .for('update')
    if (!e || !can(tx.actor, 'event.view', e))
      throw new AppError(404, 'not_found', 'イベントが見つかりませんでした。')
    const closed = registrationClosedReason(e, now)
    if (closed) throw new AppError(409, 'registration_closed', closed)
    const [dup] = await tx.db
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(
        inCity(
          tx,
          eventRegistrations,
          eq(eventRegistrations.eventId, e.id),
          eq(eventRegistrations.email, d.email),
          ne(eventRegistrations.status, 'cancelled'),
        ),
      )
    if (dup)
      throw new AppError(422, 'validation', '入力内容に誤りがあります。', {
        email:
          'このメールアドレスではすでに申し込まれています。内容を変えるときは、受付メールのURLから取り消してから申し込み直してください',
      })
    const c = await seatCounts(tx, e.id)
    const status = placeFor(e.capacity, c.taken, d.people, c.waiting)
    const token = randomToken()
    const [r] = await tx.db
      .insert(eventRegistrations)
      .values({
        municipalityId: tx.tenantId,
        eventId: e.id,
        userId: tx.actor?.userId ?? null,
        ...d,
        status,
        cancelTokenHash: sha256(token),
      })
      .returning()
    await audit(tx, {
      action: 'event.register',
      entityType: 'event_registration',
      entityId: r.id,
      changes: { eventId: e.id, status, people: d.people },
    })
    return { e, r, token }
  })
  await sendMail(ctx, confirmationMail(ctx, result.e, result.r, result.token))
  return {
    id: result.r.id,
    status: result.r.status as 'registered' | 'waitlisted',
    cancelToken: result.token,
  }
}

/** The registration a cancel link names, if the token matches. */
export async function registrationByToken(ctx: Ctx, id: string, token: string) {
  const [r] = await ctx.db
    .select()
    .from(eventRegistrations)
    .where(byId(ctx, eventRegistrations, id))
  if (!r || !token || !safeEqual(sha256(token), r.cancelTokenHash)) return null
  const [e] = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(byId(ctx, events, r.eventId))
  return e ? { r, e } : null
}

/** Cancel with the mailed token; the first waiting registrations that fit move up and are told. */
export async function cancelRegistration(ctx: Ctx, id: string, token: string) {
  const moved = await inTransaction(ctx, async (tx) => {
    const found = await registrationByToken(tx, id, token)
    if (!found) throw new AppError(404, 'not_found', '申込が見つかりませんでした。URLをご確認ください。')
    const [e] = await tx.db
      .select(eventColumns)
      .from(events)
      .where(byId(tx, events, found.e.id))
      .for('update')
    if (found.r.status === 'cancelled') return { e, moved: [] as Registration[], already: true }
    await tx.db
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: new Date(), updatedAt: new Date() })
      .where(byId(tx, eventRegistrations, id))
    await audit(tx, {
      action: 'event.registration.cancel',
      entityType: 'event_registration',
      entityId: id,
      changes: { status: [found.r.status, 'cancelled'] },
    })
    return { e, moved: await promoteWaiting(tx, e), already: false }
  })
  for (const r of moved.moved) await mailPromotion(ctx, moved.e, r)
  return moved
}

/** Move up whoever now fits, in order (inside the caller's transaction); returns them. */
async function promoteWaiting(ctx: Ctx, e: EventRow): Promise<Registration[]> {
  // a seat freed at a cancelled, held or draft event is no seat: nobody moves up or is told so
  if (!PROMOTING_STATUSES.includes(e.status)) return []
  const waiting = await ctx.db
    .select()
    .from(eventRegistrations)
    .where(
      inCity(
        ctx,
        eventRegistrations,
        eq(eventRegistrations.eventId, e.id),
        eq(eventRegistrations.status, 'waitlisted'),
      ),
    )
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
  if (!waiting.length) return []
  const c = await seatCounts(ctx, e.id)
  const up = promotions(e.capacity, c.taken, waiting)
  for (const r of up) {
    await ctx.db
      .update(eventRegistrations)
      .set({ status: 'registered', promotedAt: new Date(), updatedAt: new Date() })
      .where(byId(ctx, eventRegistrations, r.id))
    await audit(ctx, {
      action: 'event.registration.promote',
      entityType: 'event_registration',
      entityId: r.id,
      changes: { status: ['waitlisted', 'registered'] },
    })
  }
  return up
}

async function mailPromotion(ctx: Ctx, e: EventRow, r: Registration) {
  if (!r.email) return
  await sendMail(ctx, {
    to: r.email,
    subject: `【${ctx.municipality.name}】キャンセル待ちから参加確定：${e.title}`,
    body: `${r.name} 様\n\n「${e.title}」に空きが出たため、キャンセル待ちから参加が確定しました（${r.people}名）。\n\n日時：${eventWhen(e)}\nイベントのページ：${baseUrl(ctx)}/events/${e.id}\n\n参加できなくなった場合は、最初の受付メールにあるURLから取り消してください。\n\n${ctx.municipality.officeName}\n`,
  })
}

/** Registrations of an event (the caller has checked event.registrations). */
export async function listRegistrations(ctx: Ctx, eventId: string) {
  return ctx.db
    .select()
    .from(eventRegistrations)
    .where(inCity(ctx, eventRegistrations, eq(eventRegistrations.eventId, eventId)))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
}

/** The roster: who attended (ids checked), everyone else of the event not. */
export async function markAttendance(ctx: Ctx, e: EventRow, attendedIds: string[]) {
  return inTransaction(ctx, async (tx) => {
    const all = await listRegistrations(tx, e.id)
    const want = new Set(attendedIds)
    const changed = all.filter((r) => r.status === 'registered' && r.attended !== want.has(r.id))
    for (const r of changed)
      await tx.db
        .update(eventRegistrations)
        .set({ attended: want.has(r.id), updatedAt: new Date() })
        .where(byId(tx, eventRegistrations, r.id))
    await audit(tx, {
      action: 'event.attendance',
      entityType: 'event',
      entityId: e.id,
      changes: {
        attended: changed.filter((r) => want.has(r.id)).map((r) => r.id),
        notAttended: changed.filter((r) => !want.has(r.id)).map((r) => r.id),
      },
    })
    return changed.length
  })
}

/** The record (記録) of the event; public on the event page once the event has ended. */
export async function saveRecord(ctx: Ctx, e: EventRow, record: string): Promise<EventRow> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(events)
      .set({
        record,
        recordPublishedAt: record ? (e.recordPublishedAt ?? new Date()) : null,
        updatedAt: new Date(),
      })
      .where(byId(tx, events, e.id))
      .returning()
    await audit(tx, {
      action: 'event.record',
      entityType: 'event',
      entityId: e.id,
      changes: diff(e, { record }),
    })
    return {
      ...row,
      organiserDepartmentIds: e.organiserDepartmentIds,
      organiserGroupIds: e.organiserGroupIds,
    }
  })
}

/** The record is shown to everyone once the event has ended (organisers see it at once). */
export const recordVisible = (ctx: Ctx, e: EventRow, now = new Date()) =>
  !!e.record &&
  (e.endsAt.getTime() <= now.getTime() || e.status === 'held' || can(ctx.actor, 'event.record', e))

/** What a signed-in person's registration form starts with. */
export const prefillFor = (ctx: Ctx) => (ctx.actor ? { name: ctx.actor.name, email: ctx.actor.email } : {})

export const showStaffOnly = (ctx: Ctx) => isCityStaff(ctx.actor)
export const kindLabel = (k: string) => labelOf(EVENT_KINDS, k)

// ------------------------------------------------------------------ jobs

/** The reminder the day before: registered people of events starting in the next 24 hours. */
export async function sendReminders(ctx: Ctx, now = new Date()) {
  const soon = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(
      inCity(
        ctx,
        events,
        inArray(events.status, ['open', 'closed']),
        gte(events.startsAt, now),
        lte(events.startsAt, new Date(now.getTime() + DAY)),
      ),
    )
  let sent = 0
  for (const e of soon) {
    const rs = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(
        inCity(
          ctx,
          eventRegistrations,
          eq(eventRegistrations.eventId, e.id),
          eq(eventRegistrations.status, 'registered'),
          isNull(eventRegistrations.remindedAt),
          ne(eventRegistrations.email, ''),
        ),
      )
    for (const r of rs) {
      await sendMail(ctx, {
        to: r.email,
        subject: `【${ctx.municipality.name}】明日のご案内：${e.title}`,
        body: `${r.name} 様\n\nお申込みいただいた「${e.title}」のご案内です。\n\n日時：${eventWhen(e)}\n会場：${e.online ? `オンライン ${e.onlineUrl}` : `${e.placeName} ${e.placeAddress}`}\n${e.placeAccess ? `アクセス：${e.placeAccess}\n` : ''}イベントのページ：${baseUrl(ctx)}/events/${e.id}\n\n${ctx.municipality.officeName}\n`,
      })
      await ctx.db
        .update(eventRegistrations)
        .set({ remindedAt: now })
        .where(byId(ctx, eventRegistrations, r.id))
      sent++
    }
  }
  return sent
}

/**
 * Registrants' personal data is removed EVENT_DATA_RETENTION_DAYS after the event ends: name,
 * e-mail, needs, question and the account link are cleared; the number of people, the status and
 * attendance stay as anonymous history.
 */
export async function purgePersonalData(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - EVENT_DATA_RETENTION_DAYS * DAY)
  const old = await ctx.db
    .select({ id: events.id })
    .from(events)
    .where(inCity(ctx, events, lt(events.endsAt, before)))
  if (!old.length) return 0
  const purged = await ctx.db
    .update(eventRegistrations)
    .set({
      name: '',
      email: '',
      accessibilityNeeds: '',
      question: '',
      userId: null,
      purgedAt: now,
      updatedAt: now,
    })
    .where(
      inCity(
        ctx,
        eventRegistrations,
        inArray(
          eventRegistrations.eventId,
          old.map((e) => e.id),
        ),
        isNull(eventRegistrations.purgedAt),
      ),
    )
    .returning({ id: eventRegistrations.id })
  if (purged.length)
    await audit(ctx, {
      action: 'event.registration.purge',
      entityType: 'event_registration',
      entityId: '',
      changes: { count: purged.length, retentionDays: EVENT_DATA_RETENTION_DAYS },
    })
  return purged.length
}

/** 募集中 past the deadline → 締切; 募集中/締切 after the end → 開催済. */
export async function advanceStatuses(ctx: Ctx, now = new Date()) {
  const rows = await ctx.db
    .select(eventColumns)
    .from(events)
    .where(inCity(ctx, events, inArray(events.status, ['open', 'closed'])))
  let n = 0
  for (const e of rows) {
    const next =
      e.endsAt.getTime() < now.getTime()
        ? 'held'
        : e.status === 'open' && (e.registrationDeadline ?? e.startsAt).getTime() < now.getTime()
          ? 'closed'
          : null
    if (!next || next === e.status) continue
    await ctx.db
      .update(events)
      .set({ status: next, updatedAt: now })
      .where(byId(ctx, events, e.id))
    await audit(ctx, {
      action: 'event.status',
      entityType: 'event',
      entityId: e.id,
      changes: { status: [e.status, next] },
    })
    n++
  }
  return n
}
