import { Hono } from 'hono'
import type { Context } from 'hono'
import type { AppEnv, Ctx } from '../../core/context.ts'
import { audit } from '../../core/audit/index.ts'
import { csvResponse, toCsv } from '../../core/csv.ts'
import { AppError, notFound } from '../../core/errors.ts'
import { inListOrder } from '../../core/db/links.ts'
import { isUuid } from '../../core/http/api.ts'
import { confirmFirst } from '../../core/http/confirm.tsx'
import { japaneseFont } from '../../core/pdf.ts'
import { authorize } from '../../core/http/guard.ts'
import { setFlash } from '../../core/http/middleware.ts'
import { formBody, render } from '../../core/http/render.tsx'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { can } from '../../core/policy.ts'
import { paging } from '../../core/ui/parts.tsx'
import { type FieldErrors, validate } from '../../core/validation.ts'
import { labelOf } from '../../core/vocabulary.ts'
import {
  EVENT_KINDS,
  EVENT_TRANSITIONS,
  collectDateTimeParts,
  eventSchema,
  isMonth,
  momentToParts,
  registrationClosedReason,
  registrationSchema,
  seatsLeft,
} from './domain.ts'
import { buildCalendar } from './ics.ts'
import { rosterPdf } from './roster-pdf.ts'
import { OPENDATA_EVENT_COLUMNS, OPENDATA_EVENT_HEADER, openDataRecord } from './opendata.ts'
import {
  type EventLookups,
  type EventRow,
  baseUrl,
  cancelRegistration,
  createEvent,
  eraDateTime,
  eventLookups,
  eventWhen,
  getEvent,
  listEvents,
  listRegistrations,
  markAttendance,
  prefillFor,
  publicEvents,
  recordVisible,
  register,
  registrationByToken,
  saveRecord,
  seatCounts,
  updateEvent,
} from './service.ts'
import {
  CancelPage,
  EventDetail,
  EventForm,
  EventsList,
  type EventView,
  OpenDataPage,
  RosterPage,
} from './views.tsx'
import { pairingCount } from './after.ts'
import { callIsOpen } from './calls.ts'
import { getCall, listMaterials, materialsPublic, programmeOf } from './programme.ts'
import { EventProgrammeSections } from './views-programme.tsx'

export const eventsRoutes = new Hono<AppEnv>()

export type C = Context<AppEnv>
const CRUMB = { label: 'イベント', href: '/events' }
const DATES = ['startsAt', 'endsAt', 'registrationDeadline']

export const idOr404 = (c: C, name = 'id') => {
  const id = c.req.param(name)
  if (!isUuid(id)) throw notFound('イベント')
  return id
}

export function toView(e: EventRow, lk: EventLookups): EventView {
  return {
    ...e,
    when: eventWhen(e),
    deadlineLabel: e.registrationDeadline ? eraDateTime(e.registrationDeadline) : '開始まで',
    // the join tables give sets sorted by id: shown in the city's order of departments and groups
    organisers: [
      ...inListOrder(
        e.organiserDepartmentIds,
        lk.departments.map((d) => d.id),
      ).map((d) => lk.depName(d)),
      ...inListOrder(
        e.organiserGroupIds,
        lk.groups.map((g) => g.id),
      ).map((g) => lk.groupName(g)),
    ].filter(Boolean),
  }
}

export async function loadEvent(c: C) {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const e = await getEvent(ctx, id)
  if (!e) throw notFound('イベント')
  return { ctx, e }
}

// ------------------------------------------------------------------ list and calendar

eventsRoutes.get('/events', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const q = c.req.query()
  const { page } = paging(q)
  const lk = await eventLookups(ctx)
  const calendarView = q.view === 'calendar'
  const thisMonth = ymdInTokyo(new Date()).slice(0, 7)
  const month = isMonth(q.month) ? q.month : calendarView ? thisMonth : undefined
  const r = await listEvents(ctx, {
    kind: q.kind || undefined,
    field: q.field || undefined,
    area: q.area || undefined,
    month,
    upcoming: !month,
    page,
  })
  // months with visible events (and the next twelve) for the month filter
  const all = await listEvents(ctx, {})
  const months = [
    ...new Set([
      ...all.all.map((e) => ymdInTokyo(e.startsAt).slice(0, 7)),
      ...Array.from({ length: 12 }, (_, i) => {
        const d = new Date(`${thisMonth}-15T00:00:00+09:00`)
        d.setUTCMonth(d.getUTCMonth() + i)
        return ymdInTokyo(d).slice(0, 7)
      }),
    ]),
  ].sort()
  const byDay = new Map<string, EventView[]>()
  if (calendarView)
    for (const e of r.all) {
      const d = ymdInTokyo(e.startsAt)
      byDay.set(d, [...(byDay.get(d) ?? []), toView(e, lk)])
    }
  const query = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])
  return render(
    c,
    'イベント',
    <EventsList
      lk={lk}
      q={{ ...q, ...(month ? { month } : {}) }}
      query={query}
      page={page}
      result={{ ...r, items: r.items.map((e) => toView(e, lk)) }}
      canCreate={can(ctx.actor, 'event.create')}
      calendar={calendarView && month ? { month, byDay } : null}
      months={months}
    />,
    { section: 'events', crumbs: [{ label: 'イベント' }] },
  )
})

// ------------------------------------------------------------------ feeds

const icsHeaders = (name: string) => ({
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': `inline; filename="${name}"`,
  'cache-control': 'no-cache',
})

function icsItems(ctx: Ctx, list: EventRow[], lk: EventLookups) {
  const host = new URL(baseUrl(ctx)).hostname
  return list.map((e) => ({
    uid: `event-${e.id}@${host}`,
    title: e.title,
    description: [e.description, `${baseUrl(ctx)}/events/${e.id}`].filter(Boolean).join('\n\n'),
    location: e.online ? 'オンライン' : [e.placeName, e.placeAddress].filter(Boolean).join(' '),
    url: `${baseUrl(ctx)}/events/${e.id}`,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    updatedAt: e.updatedAt,
    cancelled: e.status === 'cancelled',
    categories: [labelOf(EVENT_KINDS, e.kind), ...e.fields.map(lk.fieldName)],
  }))
}

eventsRoutes.get('/events.ics', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const field = c.req.query('field') || undefined
  const lk = await eventLookups(ctx)
  const list = await publicEvents(ctx, { field, withCancelled: true })
  const name = `${ctx.municipality.name} 協働のイベント${field ? `（${lk.fieldName(field)}）` : ''}`
  return c.body(buildCalendar(name, icsItems(ctx, list, lk)), 200, icsHeaders('events.ics'))
})

eventsRoutes.get('/events/:file{[0-9a-fA-F-]+\\.ics}', async (c) => {
  const id = c.req.param('file').replace(/\.ics$/, '')
  if (!isUuid(id)) throw notFound('イベント')
  const ctx = await authorize(c, 'site.view')
  const e = await getEvent(ctx, id)
  if (!e) throw notFound('イベント')
  const lk = await eventLookups(ctx)
  return c.body(buildCalendar(e.title, icsItems(ctx, [e], lk)), 200, icsHeaders(`event-${e.id}.ics`))
})

async function openDataRows(ctx: Ctx) {
  const lk = await eventLookups(ctx)
  const list = await publicEvents(ctx)
  return list.map((e, i) =>
    openDataRecord(ctx.municipality, { ...e, organisers: toView(e, lk).organisers }, i + 1, baseUrl(ctx)),
  )
}

eventsRoutes.get('/opendata/events.csv', async (c) => {
  const ctx = await authorize(c, 'site.view')
  const rows = await openDataRows(ctx)
  return csvResponse(
    c,
    'events.csv',
    toCsv(
      OPENDATA_EVENT_HEADER,
      rows.map((r) => OPENDATA_EVENT_COLUMNS.map((col) => r[col.key])),
    ),
  )
})

eventsRoutes.get('/opendata/events.json', async (c) => {
  const ctx = await authorize(c, 'site.view')
  return c.json({
    dataset: `${ctx.municipality.name} イベント一覧（自治体標準オープンデータセット）`,
    license: 'CC BY 4.0',
    updated: ymdInTokyo(new Date()),
    columns: OPENDATA_EVENT_COLUMNS.map((x) => ({ key: x.key, name: x.header, note: x.note })),
    items: await openDataRows(ctx),
  })
})

eventsRoutes.get('/opendata/events', async (c) => {
  await authorize(c, 'site.view')
  return render(c, 'イベント一覧のオープンデータ', <OpenDataPage columns={OPENDATA_EVENT_COLUMNS} />, {
    section: 'events',
    crumbs: [CRUMB, { label: 'オープンデータ' }],
  })
})

// ------------------------------------------------------------------ new and edit

const formPage = (
  c: C,
  lk: EventLookups,
  p: {
    title: string
    action: string
    values: Record<string, unknown>
    errors?: FieldErrors
    statuses: string[]
  },
  status?: 422,
) =>
  render(
    c,
    p.title,
    <section>
      <h1>{p.title}</h1>
      <EventForm
        lk={lk}
        action={p.action}
        csrf={c.get('csrfToken')}
        values={p.values}
        errors={p.errors}
        submit="保存する"
        statuses={p.statuses}
      />
    </section>,
    { status, section: 'events', crumbs: [CRUMB, { label: p.title }] },
  )

async function parseEvent(ctx: Ctx, body: Record<string, unknown>) {
  const lk = await eventLookups(ctx)
  return { lk, r: validate(eventSchema(lk.fields.map((f) => f.code)), collectDateTimeParts(body, DATES)) }
}

eventsRoutes.get('/events/new', async (c) => {
  const ctx = await authorize(c, 'event.create')
  const lk = await eventLookups(ctx)
  return formPage(c, lk, {
    title: 'イベントを登録',
    action: '/events',
    values: { kind: 'presentation', online: 'place', acceptsRegistrations: 'yes', status: 'draft' },
    statuses: ['draft', 'open'],
  })
})

eventsRoutes.post('/events', async (c) => {
  const ctx = await authorize(c, 'event.create')
  const body = await formBody(c)
  const { lk, r } = await parseEvent(ctx, body)
  const again = (errors: FieldErrors) =>
    formPage(
      c,
      lk,
      { title: 'イベントを登録', action: '/events', values: body, errors, statuses: ['draft', 'open'] },
      422,
    )
  if (!r.ok) return again(r.errors)
  try {
    const e = await createEvent(ctx, r.data)
    setFlash(
      c,
      e.status === 'open' ? 'イベントを公開し、募集を始めました。' : 'イベントを下書きとして保存しました。',
    )
    return c.redirect(`/events/${e.id}`, 303)
  } catch (err) {
    if (err instanceof AppError && err.fields) return again(err.fields)
    throw err
  }
})

const editValues = (e: EventRow) => ({
  ...e,
  online: e.online ? 'online' : 'place',
  acceptsRegistrations: e.acceptsRegistrations ? 'yes' : 'no',
  capacity: e.capacity ?? '',
  ...momentToParts('startsAt', e.startsAt),
  ...momentToParts('endsAt', e.endsAt),
  ...momentToParts('registrationDeadline', e.registrationDeadline),
})
const statusesFrom = (s: string) => [s, ...(EVENT_TRANSITIONS[s] ?? [])]

eventsRoutes.get('/events/:id/edit', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.edit', e)
  const lk = await eventLookups(ctx)
  return formPage(c, lk, {
    title: `イベントを編集：${e.title}`,
    action: `/events/${e.id}/edit`,
    values: editValues(e),
    statuses: statusesFrom(e.status),
  })
})

eventsRoutes.post('/events/:id/edit', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.edit', e)
  const body = await formBody(c)
  const { lk, r } = await parseEvent(ctx, body)
  const again = (errors: FieldErrors) =>
    formPage(
      c,
      lk,
      {
        title: `イベントを編集：${e.title}`,
        action: `/events/${e.id}/edit`,
        values: body,
        errors,
        statuses: statusesFrom(e.status),
      },
      422,
    )
  if (!r.ok) return again(r.errors)
  if (r.data.status === 'cancelled' && e.status !== 'cancelled') {
    const s = await seatCounts(ctx, e.id)
    const ask = await confirmFirst(c, body, {
      title: 'イベントの中止の確認',
      message: `イベント「${e.title}」を中止にします。よろしいですか。`,
      detail: `申込の受付を止め、イベントのページと一覧に「中止」と表示します。申込済みの方（参加${s.taken}名、キャンセル待ち${s.waiting}名）へはメールは自動では送られないため、名簿から連絡してください。「下書き」に戻すことはできます。`,
      submit: '中止にする',
      danger: true,
      back: `/events/${e.id}/edit`,
      section: 'events',
      crumbs: [CRUMB, { label: e.title, href: `/events/${e.id}` }, { label: '中止の確認' }],
    })
    if (ask) return ask
  }
  try {
    await updateEvent(ctx, e, r.data)
  } catch (err) {
    if (err instanceof AppError && err.fields) return again(err.fields)
    throw err
  }
  setFlash(c, 'イベントを保存しました。')
  return c.redirect(`/events/${e.id}`, 303)
})

// ------------------------------------------------------------------ one event and registration

async function detailPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  form: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const s = await seatCounts(ctx, e.id)
  const left = e.capacity === null ? null : seatsLeft(e.capacity, s.taken)
  const call = await getCall(ctx, e.id)
  const manageCall = can(ctx.actor, 'event.call.manage', e)
  const showMaterials = materialsPublic(call, e)
  const [programme, materials, pairings] = await Promise.all([
    call?.programmePublishedAt ? programmeOf(ctx, e.id) : Promise.resolve(null),
    showMaterials ? listMaterials(ctx, e.id) : Promise.resolve(null),
    pairingCount(ctx, e.id),
  ])
  const view = toView(e, lk)
  return render(
    c,
    e.title,
    <EventDetail
      e={view}
      extra={
        <EventProgrammeSections
          e={view}
          call={call}
          callOpen={callIsOpen(call) && e.status !== 'cancelled'}
          programme={programme}
          materials={materials}
          pairings={pairings}
          manage={manageCall}
          surveyResults={can(ctx.actor, 'event.survey.results', e)}
        />
      }
      manageCall={manageCall}
      surveyResults={can(ctx.actor, 'event.survey.results', e)}
      lk={lk}
      seats={{ taken: s.taken, waiting: s.waiting, left }}
      closedReason={registrationClosedReason(e)}
      showRecord={recordVisible(ctx, e)}
      manage={can(ctx.actor, 'event.edit', e)}
      roster={can(ctx.actor, 'event.registrations', e)}
      csrf={c.get('csrfToken')}
      values={form.values ?? { people: '1', ...prefillFor(ctx) }}
      errors={form.errors}
    />,
    { status, section: 'events', crumbs: [CRUMB, { label: e.title }] },
  )
}

eventsRoutes.get('/events/:id', async (c) => {
  const { ctx, e } = await loadEvent(c)
  return detailPage(c, ctx, e)
})

eventsRoutes.post('/events/:id/register', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.register', e)
  const body = await formBody(c)
  const r = validate(registrationSchema, body)
  if (!r.ok) return detailPage(c, ctx, e, { values: body, errors: r.errors }, 422)
  try {
    const done = await register(ctx, e.id, r.data)
    setFlash(
      c,
      done.status === 'registered'
        ? `お申込みを受け付けました（${r.data.people}名）。確認のメールを ${r.data.email} にお送りしました。`
        : `満席のため、キャンセル待ちとして受け付けました（${r.data.people}名）。まだ参加は確定していません。席が空くと順番に繰り上がり、メールでお知らせします。`,
    )
    return c.redirect(`/events/${e.id}`, 303)
  } catch (err) {
    if (err instanceof AppError && err.fields)
      return detailPage(c, ctx, e, { values: body, errors: err.fields }, 422)
    if (err instanceof AppError && err.status === 409)
      return detailPage(c, ctx, e, { values: body, errors: { _: err.message } }, 422)
    throw err
  }
})

eventsRoutes.get('/registrations/:id/cancel', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const token = c.req.query('token') ?? ''
  const found = await registrationByToken(ctx, id, token)
  if (!found) throw notFound('申込')
  const lk = await eventLookups(ctx)
  return render(
    c,
    '申込の取り消し',
    <CancelPage e={toView(found.e, lk)} r={found.r} token={token} csrf={c.get('csrfToken')} />,
    { section: 'events', crumbs: [CRUMB, { label: '申込の取り消し' }] },
  )
})

eventsRoutes.post('/registrations/:id/cancel', async (c) => {
  const id = idOr404(c)
  const ctx = await authorize(c, 'site.view')
  const body = await formBody(c)
  // The page behind the mail's link is the confirmation (its form carries it); a post from
  // anywhere else asks first.
  const found = await registrationByToken(ctx, id, String(body.token ?? ''))
  if (!found) throw notFound('申込')
  if (found.r.status !== 'cancelled') {
    const ask = await confirmFirst(c, body, {
      title: '申込の取り消しの確認',
      message: `「${found.e.title}」への申込（${found.r.name} 様、${found.r.people}名）を取り消します。よろしいですか。`,
      detail: '取り消すと元に戻せません。キャンセル待ちの方がいれば、順番に繰り上がります。',
      submit: '申込を取り消す',
      danger: true,
      back: `/events/${found.e.id}`,
      section: 'events',
      crumbs: [CRUMB, { label: '申込の取り消しの確認' }],
    })
    if (ask) return ask
  }
  const r = await cancelRegistration(ctx, id, String(body.token ?? ''))
  setFlash(c, r.already ? 'この申込はすでに取り消されています。' : '申込を取り消しました。')
  return c.redirect(`/events/${r.e.id}`, 303)
})

// ------------------------------------------------------------------ roster and record (organisers)

async function rosterPage(
  c: C,
  ctx: Ctx,
  e: EventRow,
  form: { record?: string; errors?: FieldErrors } = {},
  status?: 422,
) {
  const lk = await eventLookups(ctx)
  const [rows, s] = await Promise.all([listRegistrations(ctx, e.id), seatCounts(ctx, e.id)])
  return render(
    c,
    `名簿：${e.title}`,
    <RosterPage
      e={toView(e, lk)}
      rows={rows}
      seats={s}
      csrf={c.get('csrfToken')}
      record={form.record ?? e.record}
      errors={form.errors}
      pdf={!!japaneseFont()}
    />,
    {
      status,
      section: 'events',
      crumbs: [CRUMB, { label: e.title, href: `/events/${e.id}` }, { label: '名簿' }],
    },
  )
}

eventsRoutes.get('/events/:id/roster', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.registrations', e)
  return rosterPage(c, ctx, e)
})

/** The roster as an A4 PDF in Japanese (core/pdf.ts); 503 with the way out when the server has no font. */
eventsRoutes.get('/events/:id/roster.pdf', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.registrations', e)
  if (!japaneseFont())
    throw new AppError(
      503,
      'no_pdf_font',
      'このサーバーには PDF 用の日本語フォントがありません。名簿のページをブラウザーで印刷（PDFに保存）してください。管理者は KYODO_PDF_FONT で日本語フォントを指定できます。',
    )
  const rows = await listRegistrations(ctx, e.id)
  const pdf = await rosterPdf({
    title: e.title,
    when: eventWhen(e),
    place: e.online ? 'オンライン' : [e.placeName, e.placeAddress].filter(Boolean).join(' '),
    capacity: e.capacity,
    office: ctx.municipality.officeName,
    rows,
    printedAt: eraDateTime(new Date()),
  })
  // a print-out of personal data is recorded like any export
  await audit(ctx, {
    action: 'event.roster.pdf',
    entityType: 'event',
    entityId: e.id,
    changes: { registrations: rows.length },
  })
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="roster.pdf"; filename*=UTF-8''${encodeURIComponent(`名簿_${e.title}.pdf`)}`,
    'cache-control': 'private, no-store',
  })
})

eventsRoutes.post('/events/:id/attendance', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.registrations', e)
  const body = await formBody(c)
  const ids = (Array.isArray(body.attended) ? body.attended : body.attended ? [body.attended] : []).map(
    String,
  )
  const n = await markAttendance(ctx, e, ids.filter(isUuid))
  setFlash(c, `出席を保存しました（${n}件を更新）。`)
  return c.redirect(`/events/${e.id}/roster`, 303)
})

eventsRoutes.post('/events/:id/record', async (c) => {
  const { ctx, e } = await loadEvent(c)
  await authorize(c, 'event.record', e)
  const body = await formBody(c)
  const record = String(body.record ?? '').trim()
  if (record.length > 8000)
    return rosterPage(c, ctx, e, { record, errors: { record: '記録は8000文字以内で入力してください' } }, 422)
  await saveRecord(ctx, e, record)
  setFlash(c, '記録を保存しました。')
  return c.redirect(`/events/${e.id}/roster`, 303)
})
