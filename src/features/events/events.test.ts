import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import { municipalities, outbox } from '../../core/db/schema.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { japaneseFont } from '../../core/pdf.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groups } from '../groups/schema.ts'
import { areas, departments } from '../organisation/schema.ts'
import { parseTime, placeFor, promotions, registrationClosedReason } from './domain.ts'
import { escapeText, foldLine } from './ics.ts'
import { OPENDATA_EVENT_HEADER } from './opendata.ts'
import { eventOrganiserDepartments, eventOrganiserGroups, eventRegistrations, events } from './schema.ts'
import { purgePersonalData, sendReminders } from './service.ts'

// ------------------------------------------------------------------ pure rules

describe('domain', () => {
  test('times typed in many ways', () => {
    assert.equal(parseTime('13:30'), '13:30')
    assert.equal(parseTime('１３：３０'), '13:30')
    assert.equal(parseTime('930'), '09:30')
    assert.equal(parseTime('13時'), '13:00')
    assert.equal(parseTime('25:00'), null)
    assert.equal(parseTime('noon'), null)
  })
  test('seats and the waiting list', () => {
    assert.equal(placeFor(10, 8, 2, 0), 'registered')
    assert.equal(placeFor(10, 9, 2, 0), 'waitlisted')
    assert.equal(placeFor(10, 0, 1, 1), 'waitlisted', 'nobody jumps the queue')
    assert.equal(placeFor(null, 1000, 5, 0), 'registered')
    const w = [
      { id: 'a', people: 2 },
      { id: 'b', people: 1 },
      { id: 'c', people: 1 },
    ]
    assert.deepEqual(
      promotions(10, 7, w).map((x) => x.id),
      ['a', 'b'],
    )
    assert.deepEqual(
      promotions(10, 9, w).map((x) => x.id),
      [],
      'the head does not fit: the queue waits',
    )
  })
  test('registration closes at the deadline, or at the start without one', () => {
    const e = {
      status: 'open',
      acceptsRegistrations: true,
      registrationDeadline: new Date('2026-06-01T08:00:00Z'),
      startsAt: new Date('2026-06-10T04:00:00Z'),
    }
    assert.equal(registrationClosedReason(e, new Date('2026-06-01T07:59:00Z')), null)
    assert.match(registrationClosedReason(e, new Date('2026-06-01T08:01:00Z')) ?? '', /申込締切/)
    assert.match(registrationClosedReason({ ...e, status: 'closed' }) ?? '', /終了/)
  })
  test('ICS text is escaped and folded at 75 octets without splitting a character', () => {
    assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne')
    const line = `SUMMARY:${'交流会'.repeat(20)}`
    const folded = foldLine(line)
    for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75, l)
    assert.equal(folded.replace(/\r\n /g, ''), line)
  })
})

// ------------------------------------------------------------------ the app

/** The demo city's 分野別発表会 (other tests create presentations of their own). */
const DEMO_PRESENTATION = '分野別発表会＆交流会「地域の見守りと居場所づくり」'
let t: TestApp
let mid: string
let coord: TestClient
const ymd = (offset: number) => ymdInTokyo(new Date(Date.now() + offset * 86_400_000))
const json = async (res: Response) => (await res.json()) as any

/** The edit form's fields of an open, in-person event in `days` days, 10:00–12:00 (overrides last). */
function eventForm<T extends Record<string, unknown>>(days: number, over: T) {
  const [y, m, d] = ymd(days).split('-')
  return {
    startsAt_year: y,
    startsAt_month: m,
    startsAt_day: d,
    startsAt_time: '10:00',
    endsAt_year: y,
    endsAt_month: m,
    endsAt_day: d,
    endsAt_time: '12:00',
    online: 'place',
    placeName: '市民会館',
    capacity: '20',
    acceptsRegistrations: 'yes',
    status: 'open',
    ...over,
  }
}

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
})
after(async () => t.close())

const depId = async (name: string) =>
  (
    await t.database.db
      .select()
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.name, name)))
  )[0].id

async function apiEvent(over: Record<string, unknown> = {}) {
  const res = await coord.json('POST', '/api/v1/events', {
    kind: 'presentation',
    title: '分野別発表会「子どもの居場所」',
    titleKana: 'こどものいばしょ',
    startsAt: `${ymd(20)}T13:30`,
    endsAt: `${ymd(20)}T16:00`,
    placeName: '市民会館',
    capacity: 3,
    fields: ['children'],
    status: 'open',
    registrationDeadline: `${ymd(15)}T17:00+09:00`,
    organiserDepartmentIds: [await depId('高齢者支援課')],
    ...over,
  })
  assert.equal(res.status, 201, await res.clone().text())
  return json(res)
}

const mailsTo = (to: string) =>
  t.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.municipalityId, mid), eq(outbox.to, to)))
    .orderBy(desc(outbox.createdAt))

test('the event form refuses end before start, capacity 0 and a deadline after the start, keeping what was typed', async () => {
  await coord.get('/events/new')
  const [y, m, d] = ymd(10).split('-')
  const res = await coord.post('/events', {
    kind: 'briefing',
    title: '協働事業の説明会テスト',
    startsAt_year: y,
    startsAt_month: m,
    startsAt_day: d,
    startsAt_time: '14:00',
    endsAt_year: y,
    endsAt_month: m,
    endsAt_day: d,
    endsAt_time: '13:00',
    online: 'place',
    placeName: '市役所',
    capacity: '0',
    acceptsRegistrations: 'yes',
    registrationDeadline_year: y,
    registrationDeadline_month: m,
    registrationDeadline_day: d,
    registrationDeadline_time: '15:00',
    status: 'open',
  })
  assert.equal(res.status, 422)
  const html = await res.text()
  assert.match(html, /終了日時は開始日時より後の日時を入力してください/)
  assert.match(html, /定員は1以上で入力してください/)
  assert.match(html, /申込締切は開始日時より前の日時を入力してください/)
  assert.match(html, /協働事業の説明会テスト/)
  assert.match(html, /aria-invalid="true"/)

  const api = await coord.json('POST', '/api/v1/events', {
    kind: 'briefing',
    title: 'x',
    startsAt: '2026-02-30T10:00',
    endsAt: '2026-03-01T10:00',
    capacity: -1,
    placeName: '市役所',
  })
  assert.equal(api.status, 422)
  const f = Object.fromEntries((await json(api)).fields.map((x: any) => [x.field, x.message]))
  assert.match(f.startsAt, /開始日時/)
  assert.match(f.capacity, /定員は1以上/)
})

test('only the coordinator creates events; a created event is listed, with 和暦', async () => {
  const group = await t.as('group@demo.example')
  assert.equal((await group.get('/events/new')).status, 403)
  const [y, m, d] = ymd(12).split('-')
  await coord.get('/events/new')
  const res = await coord.post('/events', {
    kind: 'dialogue',
    title: '意見交換会「防災と多文化共生」',
    titleKana: 'いけんこうかんかい',
    fields: ['disaster'],
    startsAt_year: y,
    startsAt_month: m,
    startsAt_day: d,
    startsAt_time: '18:30',
    endsAt_year: y,
    endsAt_month: m,
    endsAt_day: d,
    endsAt_time: '20:00',
    online: 'place',
    placeName: '防災センター',
    capacity: '30',
    acceptsRegistrations: 'yes',
    status: 'open',
  })
  assert.equal(res.status, 303, (await res.clone().text()).match(/error-summary[\s\S]*?<\/ul>/)?.[0])
  const page = await (await t.client().get(res.headers.get('location')!)).text()
  assert.match(page, /意見交換会「防災と多文化共生」/)
  assert.match(page, /令和\d+年|令和元年/)
  assert.match(page, /18:30〜20:00/)
  const list = await (await t.client().get('/events?field=disaster')).text()
  assert.match(list, /意見交換会「防災と多文化共生」/)
  const cal = await (await t.client().get(`/events?view=calendar&month=${y}-${m}`)).text()
  assert.match(cal, /意見交換会「防災と多文化共生」/)
  const [row] = await t.database.db
    .select()
    .from(events)
    .where(eq(events.title, '意見交換会「防災と多文化共生」'))
  assert.equal(row.titleKana, 'イケンコウカンカイ')
  const [a] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'event.create'), eq(auditLog.entityId, row.id)))
  assert.ok(a, 'the write is audited')
})

test('register until full, then the waiting list; duplicates refused; a cancellation moves one up with a mail', async () => {
  const e = await apiEvent()
  const visitor = t.client()
  await visitor.get(`/events/${e.id}`)
  const reg = (name: string, email: string, people = '1') =>
    visitor.post(`/events/${e.id}/register`, { name, email, people })
  assert.equal((await reg('一番 太郎', 'one@example.jp', '2')).status, 303)
  assert.equal((await reg('二番 花子', 'two@example.jp')).status, 303)
  // full (3 of 3): the next is waitlisted, and told so
  const third = await reg('三番 次郎', 'three@example.jp')
  assert.equal(third.status, 303)
  const after3 = await (await visitor.get(`/events/${e.id}`)).text()
  assert.match(after3, /キャンセル待ちとして受け付けました/)
  assert.match(after3, /満席です/)
  // the same e-mail twice is refused, naming the field, keeping the typed name
  const dup = await reg('二番 花子（再）', 'TWO@example.jp')
  assert.equal(dup.status, 422)
  const dupHtml = await dup.text()
  assert.match(dupHtml, /このメールアドレスではすでに申し込まれています/)
  assert.match(dupHtml, /二番 花子（再）/)
  // bad e-mail
  assert.match(await (await reg('x', 'not-an-email')).text(), /メールアドレスの形式が正しくありません/)

  const rows = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id))
    .orderBy(eventRegistrations.createdAt)
  assert.deepEqual(
    rows.map((r) => r.status),
    ['registered', 'registered', 'waitlisted'],
  )
  assert.ok(
    rows.every((r) => /^[0-9a-f]{64}$/.test(r.cancelTokenHash)),
    'only a hash of the token is kept',
  )

  // the confirmation mail carries the cancel link; the waitlisted one says so
  const [m1] = await mailsTo('two@example.jp')
  assert.match(m1.subject, /申込受付/)
  const link = m1.body.match(/\/registrations\/([0-9a-f-]{36})\/cancel\?token=([\w-]+)/)!
  assert.ok(link)
  const [m3] = await mailsTo('three@example.jp')
  assert.match(m3.subject, /キャンセル待ち/)

  // cancel through the link: the GET page is the confirmation (its form carries it)
  const page = await visitor.get(`/registrations/${link[1]}/cancel?token=${link[2]}`)
  assert.equal(page.status, 200)
  const pageHtml = await page.text()
  assert.match(pageHtml, /この申込を取り消します。よろしいですか。/)
  assert.match(pageHtml, /name="confirmed" value="yes"/)
  assert.equal((await visitor.get(`/registrations/${link[1]}/cancel?token=wrong`)).status, 404)
  // a post without the confirmation asks first and changes nothing
  const ask = await visitor.post(`/registrations/${link[1]}/cancel`, { token: link[2] })
  assert.equal(ask.status, 200)
  assert.match(await ask.text(), /への申込（二番 花子 様、1名）を取り消します。よろしいですか。/)
  const [still] = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.email, 'two@example.jp'))
  assert.equal(still.status, 'registered', 'nothing changed yet')
  const done = await visitor.post(`/registrations/${link[1]}/cancel`, { token: link[2], confirmed: 'yes' })
  assert.equal(done.status, 303)
  const [third2] = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.email, 'three@example.jp'))
  assert.equal(third2.status, 'registered', 'the first waiting person moved up')
  const [promo] = await mailsTo('three@example.jp')
  assert.match(promo.subject, /参加確定/)
  // after cancelling, the same e-mail may register again
  const again = await reg('二番 花子', 'two@example.jp')
  assert.equal(again.status, 303)
  assert.match(await (await visitor.get(`/events/${e.id}`)).text(), /キャンセル待ち/)
})

test('the API registers (registered/waitlisted with a cancel token) and cancels with the token', async () => {
  const e = await apiEvent({ capacity: 1, title: 'API申込テスト' })
  const v = t.client()
  await v.get('/login')
  const a = await v.json('POST', `/api/v1/events/${e.id}/registrations`, {
    name: 'A',
    email: 'a@example.jp',
    people: 1,
  })
  assert.equal(a.status, 201)
  const ra = await json(a)
  assert.equal(ra.status, 'registered')
  assert.ok(ra.cancelToken)
  const rb = await json(
    await v.json('POST', `/api/v1/events/${e.id}/registrations`, { name: 'B', email: 'b@example.jp' }),
  )
  assert.equal(rb.status, 'waitlisted')
  const dup = await v.json('POST', `/api/v1/events/${e.id}/registrations`, {
    name: 'A',
    email: 'a@example.jp',
  })
  assert.equal(dup.status, 422)
  assert.equal((await v.json('DELETE', `/api/v1/registrations/${ra.id}?token=nope`)).status, 404)
  const del = await v.json('DELETE', `/api/v1/registrations/${ra.id}?token=${ra.cancelToken}`)
  assert.equal(del.status, 200)
  assert.equal((await json(del)).promoted, 1)
})

test('a seat freed at a cancelled event moves nobody up from the waiting list, and nobody is told so', async () => {
  const e = await apiEvent({ capacity: 1, title: '中止になる申込テスト' })
  const v = t.client()
  await v.get('/login')
  const ra = await json(
    await v.json('POST', `/api/v1/events/${e.id}/registrations`, { name: 'A', email: 'ca@example.jp' }),
  )
  const rb = await json(
    await v.json('POST', `/api/v1/events/${e.id}/registrations`, { name: 'B', email: 'cb@example.jp' }),
  )
  assert.equal(rb.status, 'waitlisted')
  await t.database.db.update(events).set({ status: 'cancelled' }).where(eq(events.id, e.id))
  const del = await v.json('DELETE', `/api/v1/registrations/${ra.id}?token=${ra.cancelToken}`)
  assert.equal(del.status, 200)
  assert.equal((await json(del)).promoted, 0)
  const [b] = await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, rb.id))
  assert.equal(b.status, 'waitlisted')
  assert.equal((await mailsTo('cb@example.jp')).filter((m) => /参加確定/.test(m.subject)).length, 0)
})

test('the roster as an A4 PDF in Japanese: organisers only, audited, without e-mail addresses', async (tc) => {
  const e = await apiEvent({ title: 'PDF名簿のテスト', capacity: 1 })
  const visitor = t.client()
  await visitor.get(`/events/${e.id}`)
  await visitor.post(`/events/${e.id}/register`, { name: '名簿 一子', email: 'pdf1@example.jp', people: '1' })
  await visitor.post(`/events/${e.id}/register`, { name: '名簿 二郎', email: 'pdf2@example.jp', people: '1' })
  // residents and other signed-in roles never get it
  assert.notEqual((await visitor.get(`/events/${e.id}/roster.pdf`)).status, 200)
  const saved = process.env.KYODO_PDF_FONT
  try {
    // a server without a Japanese font says so in Japanese and offers the way out
    process.env.KYODO_PDF_FONT = '/nonexistent/font.ttf'
    const none = await coord.get(`/events/${e.id}/roster.pdf`)
    assert.equal(none.status, 503)
    assert.match(await none.text(), /日本語フォントがありません/)
    assert.doesNotMatch(await (await coord.get(`/events/${e.id}/roster`)).text(), /roster\.pdf/)
  } finally {
    if (saved === undefined) delete process.env.KYODO_PDF_FONT
    else process.env.KYODO_PDF_FONT = saved
  }
  if (!japaneseFont()) return tc.skip('no Japanese font on this machine (apt-get install fonts-noto-cjk)')
  assert.match(await (await coord.get(`/events/${e.id}/roster`)).text(), /roster\.pdf/)
  const res = await coord.get(`/events/${e.id}/roster.pdf`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  assert.match(res.headers.get('cache-control') ?? '', /no-store/)
  const pdf = Buffer.from(await res.arrayBuffer())
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const text = pdf.toString('latin1')
  // the Japanese font is embedded (a subset), with a ToUnicode map so the text can be searched
  assert.match(text, /\/FontName \/[A-Z]{6}\+(NotoSansCJKjp|IPAexGothic)/)
  assert.match(text, /\/ToUnicode/)
  assert.doesNotMatch(text, /pdf1@example\.jp/)
  const [a] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'event.roster.pdf'), eq(auditLog.entityId, e.id)))
  assert.ok(a, 'the print-out of personal data is audited')
})

test('the event list filters by 地区; an area of no list is refused naming the field', async () => {
  const [a] = await t.database.db
    .select()
    .from(areas)
    .where(and(eq(areas.municipalityId, mid), eq(areas.name, '境')))
  const e = await apiEvent({ title: '境地区の交流会テスト', areaId: a.id, placeAddress: '武蔵野市境' })
  assert.equal(e.areaId, a.id)
  const other = await apiEvent({ title: '地区なしの説明会テスト' })
  const v = t.client()
  const list = await (await v.get(`/events?area=${a.id}`)).text()
  assert.match(list, /境地区の交流会テスト/)
  assert.doesNotMatch(list, /地区なしの説明会テスト/)
  assert.match(list, /name="area"/)
  assert.match(await (await v.get(`/events/${e.id}`)).text(), /<dt[^>]*>地区<\/dt>\s*<dd[^>]*>境<\/dd>/)
  assert.match(await (await v.get(`/events/${other.id}`)).text(), /地区なしの説明会テスト/)
  const bad = await coord.json('POST', '/api/v1/events', {
    kind: 'briefing',
    title: '不正な地区',
    startsAt: `${ymd(20)}T13:30`,
    endsAt: `${ymd(20)}T15:00`,
    placeName: '市民会館',
    areaId: '00000000-0000-4000-8000-000000000000',
  })
  assert.equal(bad.status, 422)
  assert.match(JSON.stringify(await json(bad)), /地区は一覧から選んでください/)
})

test('after the deadline registration is refused', async () => {
  const e = await apiEvent({ title: '締切済みのイベント', registrationDeadline: `${ymd(-1)}T17:00` })
  const v = t.client()
  await v.get('/login')
  const api = await v.json('POST', `/api/v1/events/${e.id}/registrations`, {
    name: 'A',
    email: 'late@example.jp',
  })
  assert.equal(api.status, 409)
  assert.match((await json(api)).message, /申込締切を過ぎた/)
  const page = await (await v.get(`/events/${e.id}`)).text()
  assert.match(page, /申込締切を過ぎたため/)
  const form = await v.post(`/events/${e.id}/register`, { name: 'A', email: 'late@example.jp', people: '1' })
  assert.equal(form.status, 422)
  const n = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.email, 'late@example.jp'))
  assert.equal(n.length, 0)
})

test('registrants are seen only by the organisers and the coordinator', async () => {
  // demo: the 分野別発表会 is organised by 高齢者支援課 (staff@) and another group than group@'s
  const [e] = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.municipalityId, mid), eq(events.title, DEMO_PRESENTATION)))
  const visitor = t.client()
  const group = await t.as('group@demo.example')
  const reviewer = await t.as('reviewer@demo.example')
  for (const c of [visitor, group, reviewer]) {
    const roster = await c.get(`/events/${e.id}/roster`)
    assert.ok([302, 401, 403].includes(roster.status), `roster ${roster.status}`)
    const api = await c.get(`/api/v1/events/${e.id}/registrations`, { accept: 'application/json' })
    assert.ok([401, 403].includes(api.status), `api ${api.status}`)
    const page = await (await c.get(`/events/${e.id}`)).text()
    assert.doesNotMatch(page, /hanako\.yamada@demo\.example|山田 花子/)
  }
  const staff = await t.as('staff@demo.example')
  const roster = await staff.get(`/events/${e.id}/roster`)
  assert.equal(roster.status, 200)
  assert.match(await roster.text(), /山田 花子/)
  const api = await coord.get(`/api/v1/events/${e.id}/registrations`, { accept: 'application/json' })
  assert.equal(api.status, 200)
  assert.ok((await json(api)).items.some((r: any) => r.email === 'hanako.yamada@demo.example'))
})

test('職員研修 and drafts are hidden from residents and groups, and from the feeds', async () => {
  const [training] = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.municipalityId, mid), eq(events.kind, 'staff_training')))
  const draft = await apiEvent({ title: '下書きのイベント', status: 'draft' })
  for (const c of [t.client(), await t.as('group@demo.example')]) {
    assert.equal((await c.get(`/events/${training.id}`)).status, 404)
    assert.equal((await c.get(`/events/${draft.id}`)).status, 404)
    assert.doesNotMatch(await (await c.get('/events')).text(), /職員研修「/)
  }
  const staff = await t.as('staff@demo.example')
  assert.equal((await staff.get(`/events/${training.id}`)).status, 200)
  const ics = await (await t.client().get('/events.ics')).text()
  const csv = await (await t.client().get('/opendata/events.csv')).text()
  for (const s of [ics, csv]) {
    assert.doesNotMatch(s, /職員研修/)
    assert.doesNotMatch(s, /下書きのイベント/)
  }
})

test('attendance is marked on the roster and the record is published on the event page', async () => {
  const [e] = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.municipalityId, mid), eq(events.title, DEMO_PRESENTATION)))
  const staff = await t.as('staff@demo.example')
  await staff.get(`/events/${e.id}/roster`)
  const regs = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'registered')))
  const res = await staff.post(`/events/${e.id}/attendance`, { attended: [regs[0].id, regs[1].id] })
  assert.equal(res.status, 303)
  const after = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id))
  assert.deepEqual(
    after
      .filter((r) => r.attended)
      .map((r) => r.id)
      .sort(),
    [regs[0].id, regs[1].id].sort(),
  )
  const group = await t.as('group@demo.example')
  assert.equal((await group.post(`/events/${e.id}/attendance`, { attended: regs[2].id })).status, 403)

  assert.equal(
    (await staff.post(`/events/${e.id}/record`, { record: '5団体が発表し、見守りの連携が始まりました。' }))
      .status,
    303,
  )
  // before the event: organisers see it, residents not yet; after: everyone
  assert.doesNotMatch(await (await t.client().get(`/events/${e.id}`)).text(), /見守りの連携が始まりました/)
  await t.database.db
    .update(events)
    .set({ startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) })
    .where(eq(events.id, e.id))
  assert.match(await (await t.client().get(`/events/${e.id}`)).text(), /見守りの連携が始まりました/)
  // the demo's past 交流会 shows its record
  const [past] = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.municipalityId, mid), eq(events.kind, 'social')))
  assert.match(await (await t.client().get(`/events/${past.id}`)).text(), /記録/)
})

test('ICS per event and the feed (also per field) are valid iCalendar with CRLF', async () => {
  const e = await apiEvent({ title: 'ICSテスト、セミコロン;あり', fields: ['environment'] })
  const one = await t.client().get(`/events/${e.id}.ics`)
  assert.equal(one.status, 200)
  assert.match(one.headers.get('content-type') ?? '', /text\/calendar/)
  const body = await one.text()
  assert.ok(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
  assert.ok(body.endsWith('END:VCALENDAR\r\n'))
  assert.doesNotMatch(body.replace(/\r\n/g, ''), /\n/, 'every line ends with CRLF')
  const unfolded = body.replace(/\r\n /g, '')
  assert.match(unfolded, /SUMMARY:ICSテスト\\、?セミコロン\\;あり|SUMMARY:ICSテスト、セミコロン\\;あり/)
  assert.match(unfolded, new RegExp(`UID:event-${e.id}@`))
  assert.match(unfolded, /DTSTART:\d{8}T\d{6}Z/)
  const feed = (await (await t.client().get('/events.ics?field=environment')).text()).replace(/\r\n /g, '')
  assert.match(feed, /ICSテスト/)
  assert.doesNotMatch(feed, /地域の見守りと居場所づくり/, 'the field filter keeps other fields out')
  const all = (await (await t.client().get('/events.ics')).text()).replace(/\r\n /g, '')
  assert.match(all, /地域の見守りと居場所づくり/)
})

test('open data: CSV with BOM and the standard header, JSON with the same columns', async () => {
  await apiEvent({ title: 'オープンデータ確認会', fee: '無料', capacity: 25 })
  const res = await t.client().get('/opendata/events.csv')
  assert.equal(res.status, 200)
  const buf = Buffer.from(await res.arrayBuffer())
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  const text = buf.subarray(3).toString('utf8')
  const header = text.split('\r\n')[0]
  assert.equal(header, OPENDATA_EVENT_HEADER.join(','))
  assert.equal(
    header,
    '都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考',
  )
  assert.match(text, /オープンデータ確認会/)
  const j = await json(await t.client().get('/opendata/events.json'))
  assert.deepEqual(
    j.columns.map((c: any) => c.name),
    OPENDATA_EVENT_HEADER,
  )
  const item = j.items.find((x: any) => x.title === 'オープンデータ確認会')
  assert.equal(item.feeBasic, 0)
  assert.equal(item.capacity, 25)
  assert.equal(item.city, '武蔵野市')
  assert.match(item.startDate, /^\d{4}-\d{2}-\d{2}$/)
  assert.match(item.startTime, /^13:30$/)
})

test('jobs: the reminder the day before, and personal data removed 90 days after the event', async () => {
  const e = await apiEvent({
    title: '明日のイベント',
    startsAt: new Date(Date.now() + 20 * 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 22 * 3_600_000).toISOString(),
    registrationDeadline: undefined,
  })
  const v = t.client()
  await v.get('/login')
  await v.json('POST', `/api/v1/events/${e.id}/registrations`, {
    name: '明日 来る',
    email: 'tomorrow@example.jp',
  })
  const ctx = {
    db: t.database.db,
    dbKind: t.database.kind,
    config: t.config,
    tenantId: mid,
    municipality: (await t.database.db.select().from(municipalities).where(eq(municipalities.id, mid)))[0],
    actor: null,
    ip: '',
    userAgent: 'test',
  } as any
  assert.ok((await sendReminders(ctx)) >= 1)
  assert.ok((await mailsTo('tomorrow@example.jp')).some((m) => /明日のご案内/.test(m.subject)))
  assert.equal(await sendReminders(ctx), 0, 'each person is reminded once')

  // 91 days after the event the registrant's name and e-mail are gone, the count stays
  const later = new Date(Date.now() + 92 * 86_400_000)
  assert.ok((await purgePersonalData(ctx, later)) >= 1)
  const [r] = await t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id))
  assert.equal(r.name, '')
  assert.equal(r.email, '')
  assert.equal(r.people, 1)
  assert.ok(r.purgedAt)
})

test('中止: choosing 中止 in the edit form asks first and changes nothing; the confirmed post cancels the event', async () => {
  const form = eventForm(20, { kind: 'dialogue', title: '中止確認用の交流会', fields: ['disaster'] })
  await coord.get('/events/new')
  const res = await coord.post('/events', form)
  assert.equal(res.status, 303, (await res.clone().text()).match(/error-summary[\s\S]*?<\/ul>/)?.[0])
  const [row] = await t.database.db.select().from(events).where(eq(events.title, '中止確認用の交流会'))
  const ask = await coord.post(`/events/${row.id}/edit`, { ...form, status: 'cancelled' })
  assert.equal(ask.status, 200, 'a confirmation step first')
  const html = await ask.text()
  assert.match(html, /イベント「中止確認用の交流会」を中止にします。よろしいですか。/)
  assert.match(html, /name="confirmed" value="yes"/)
  assert.match(html, /name="fields" value="disaster"/, 'the typed values travel with the confirmation')
  const [same] = await t.database.db.select().from(events).where(eq(events.id, row.id))
  assert.equal(same.status, 'open', 'nothing changed yet')
  // other edits need no confirmation
  const plain = await coord.post(`/events/${row.id}/edit`, { ...form, placeName: '市民会館 第1会議室' })
  assert.equal(plain.status, 303)
  const done = await coord.post(`/events/${row.id}/edit`, { ...form, status: 'cancelled', confirmed: 'yes' })
  assert.equal(done.status, 303)
  const [now] = await t.database.db.select().from(events).where(eq(events.id, row.id))
  assert.equal(now.status, 'cancelled')
})

test('the organisers are rows of the join tables: set on create, replaced by an edit, audited; their staff see the registrations', async () => {
  const elderly = await depId('高齢者支援課') // staff@demo.example works here
  const kyodo = await depId('市民協働推進課')
  const [group] = await t.database.db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.municipalityId, mid), eq(groups.status, 'published')))
    .limit(1)
  const form = eventForm(25, { kind: 'social', title: '主催者確認用の交流会', organiserGroupIds: [group.id] })
  await coord.get('/events/new')
  const res = await coord.post('/events', { ...form, organiserDepartmentIds: [elderly, elderly] })
  assert.equal(res.status, 303, (await res.clone().text()).match(/error-summary[\s\S]*?<\/ul>/)?.[0])
  const [row] = await t.database.db.select({ id: events.id }).from(events).where(eq(events.title, form.title))
  const organisers = async () => ({
    departments: (
      await t.database.db
        .select()
        .from(eventOrganiserDepartments)
        .where(eq(eventOrganiserDepartments.eventId, row.id))
    ).map((x) => x.departmentId),
    groups: (
      await t.database.db.select().from(eventOrganiserGroups).where(eq(eventOrganiserGroups.eventId, row.id))
    ).map((x) => x.groupId),
  })
  assert.deepEqual(
    await organisers(),
    { departments: [elderly], groups: [group.id] },
    'one row per organiser',
  )
  const [made] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'event.create'), eq(auditLog.entityId, row.id)))
  assert.deepEqual((made.changes as any).organiserDepartmentIds, [null, [elderly]])
  const page = await (await t.client().get(`/events/${row.id}`)).text()
  assert.match(page, /高齢者支援課/)
  assert.ok(page.includes(group.name), 'the organising group is named on the page')
  const staff = await t.as('staff@demo.example')
  assert.equal(
    (await staff.get(`/events/${row.id}/roster`)).status,
    200,
    'the organising department sees the roster',
  )

  // an id of no department of this city is refused naming the field, and nothing changes
  const bad = await coord.post(`/events/${row.id}/edit`, {
    ...form,
    organiserDepartmentIds: ['00000000-0000-4000-8000-000000000000'],
  })
  assert.equal(bad.status, 422)
  assert.match(await bad.text(), /主催・共催の課は一覧から選んでください/)
  assert.deepEqual(await organisers(), { departments: [elderly], groups: [group.id] })

  // the edit replaces the set: 高齢者支援課 no longer organises, so its staff no longer see the roster
  const edited = await coord.post(`/events/${row.id}/edit`, {
    ...form,
    organiserDepartmentIds: [kyodo],
    organiserGroupIds: [],
  })
  assert.equal(edited.status, 303)
  assert.deepEqual(await organisers(), { departments: [kyodo], groups: [] })
  const [upd] = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'event.update'), eq(auditLog.entityId, row.id)))
    .orderBy(desc(auditLog.id))
    .limit(1)
  assert.deepEqual((upd.changes as any).organiserDepartmentIds, [[elderly], [kyodo]])
  assert.deepEqual((upd.changes as any).organiserGroupIds, [[group.id], []])
  assert.ok(
    [403, 404].includes((await staff.get(`/events/${row.id}/roster`)).status),
    'not an organiser any more',
  )
  // the event page names the new organisers only
  assert.doesNotMatch(await (await t.client().get(`/events/${row.id}`)).text(), /高齢者支援課/)
})

test('the demo city has an open call for presenters with a group’s and a department’s application', async () => {
  const calls = await (await coord.get('/coordination/event-calls')).text()
  assert.match(calls, /分野別発表会＆交流会「地域の見守りと居場所づくり」/)
  // a group member sees the call on home and may apply
  const group = await t.as('group@demo.example')
  assert.match(await (await group.get('/')).text(), /発表者の募集：分野別発表会＆交流会/)
})
