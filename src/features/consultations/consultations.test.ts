import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditLog } from '../../core/audit/schema.ts'
import type { Ctx } from '../../core/context.ts'
import { municipalities, outbox, users } from '../../core/db/schema.ts'
import { loadConfig } from '../../core/config.ts'
import { addToDepartment, createUser, TEST_PASSWORD } from '../../testing/factories.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groups } from '../groups/schema.ts'
import { pairings } from '../matching/schema.ts'
import { needs } from '../needs/schema.ts'
import { notifications } from '../notifications/schema.ts'
import { departments } from '../organisation/schema.ts'
import { isOverdue, receiptNo, statusAfter } from './domain.ts'
import { consultationMessages, consultations, consultationTemplates } from './schema.ts'
import { purgeClosed, remindOverdue } from './service.ts'

// ------------------------------------------------------------------ pure rules

describe('domain', () => {
  test('receipt numbers: per year, four digits', () => {
    assert.equal(receiptNo(2026, 1), '相談-2026-0001')
    assert.equal(receiptNo(2026, 123), '相談-2026-0123')
  })
  test('overdue: past the due day in Japan and still waiting for the city', () => {
    const now = new Date('2026-12-10T03:00:00Z') // 12:00 JST on 10 Dec
    assert.equal(isOverdue({ status: 'reviewing', dueOn: '2026-12-09' }, now), true)
    assert.equal(isOverdue({ status: 'reviewing', dueOn: '2026-12-10' }, now), false)
    assert.equal(isOverdue({ status: 'answered', dueOn: '2026-12-01' }, now), false)
    assert.equal(isOverdue({ status: 'received', dueOn: null }, now), false)
  })
  test('status: assignment starts the review, a reply answers it, a closed one stays closed', () => {
    assert.equal(statusAfter('received', 'assign'), 'reviewing')
    assert.equal(statusAfter('answered', 'assign'), 'answered')
    assert.equal(statusAfter('reviewing', 'reply'), 'answered')
    assert.equal(statusAfter('closed', 'reply'), 'closed')
  })
})

// ------------------------------------------------------------------ the whole room

let t: TestApp
let mid: string
let elderly: string // 高齢者支援課 (staff@demo.example)
let roads: string // 道路課
let visitor: TestClient
let coord: TestClient
let staff: TestClient
let other: TestClient // staff of 道路課
let group: TestClient

const db = () => t.database.db
const mailsTo = async (to: string) =>
  (
    await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.municipalityId, mid), eq(outbox.to, to)))
  ).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
const linkIn = (body: string, prefix: string) => {
  const m = body.match(new RegExp(`https?://[^\\s]*(${prefix}[^\\s]*)`))
  assert.ok(m, `a link to ${prefix} in the mail`)
  return m[1]
}
const row = async (id: string) => (await db().select().from(consultations).where(eq(consultations.id, id)))[0]

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  const deps = await db().select().from(departments).where(eq(departments.municipalityId, mid))
  elderly = deps.find((d) => d.name === '高齢者支援課')!.id
  roads = deps.find((d) => d.name === '道路課')!.id
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  const u = await createUser(t.database, city, { email: 'road-staff@test.example' })
  await addToDepartment(t.database, city, roads, u.id)
  visitor = t.client()
  await visitor.get('/consultations')
  coord = await t.as('coordinator@demo.example')
  staff = await t.as('staff@demo.example')
  other = await t.as('road-staff@test.example', TEST_PASSWORD)
  group = await t.as('group@demo.example')
})
after(async () => t.close())

/** A context as the scheduler gives a job. */
async function jobCtx(): Promise<Ctx> {
  const [city] = await db().select().from(municipalities).where(eq(municipalities.id, mid))
  return {
    db: db(),
    dbKind: t.database.kind,
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    tenantId: mid,
    municipality: city,
    actor: null,
    ip: '',
    userAgent: 'test',
  }
}

/** A resident asks through the two steps without JavaScript; returns the status path and the row. */
async function ask(text: string, email: string, extra: Record<string, string> = {}) {
  const form = {
    text,
    name: '武蔵野 花子',
    email,
    senderKind: 'group',
    groupName: '西久保見守りの会',
    ...extra,
  }
  const next = await visitor.post('/consultations/next', form)
  assert.equal(next.status, 200)
  const html = await next.text()
  const sent = await visitor.post('/consultations', { ...form, destination: 'office', ...extra })
  assert.equal(sent.status, 303, await sent.text())
  const status = sent.headers.get('location')!
  const id = status.split('/')[3].split('?')[0]
  return { html, status, id }
}

describe('done means: ask, assign, answer, read the answer by link', () => {
  let id = ''
  let statusPath = ''
  const email = 'hanako@example.jp'

  test('a resident asks in one sentence and sees the right department among the first suggestions', async () => {
    const form = await visitor.get('/consultations')
    assert.equal(form.status, 200)
    const page = await form.text()
    assert.match(page, /相談したいこと/)
    assert.match(page, /href="\/departments"/)
    // suggestions while typing are an enhancement of the same page (the script asks the routing API)
    assert.match(page, /<script src="\/static\/consult-suggest.js" defer/)
    assert.match(page, /data-suggest-url="\/api\/v1\/departments\/suggest"/)
    const js = await visitor.get('/static/consult-suggest.js')
    assert.equal(js.status, 200)
    assert.match(js.headers.get('content-type') ?? '', /javascript/)
    const r = await ask('私たちの団体で、ひとり暮らしのお年寄りの見守り活動を始めたいです。', email)
    id = r.id
    statusPath = r.status
    // the suggestions with their reasons, and the department in the first three
    const list = r.html.slice(r.html.indexOf('担当しそうな課'), r.html.indexOf('送り先の課'))
    const names = [...list.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1])
    assert.ok(names.slice(0, 3).includes('高齢者支援課'), `suggested: ${names.join(', ')}`)
    assert.match(list, /手がかり：/)
    assert.match(r.html, /value="office"/)
    // and the related public need of that department
    assert.match(r.html, /市の協働ニーズ[\s\S]*一人暮らし高齢者の見守りと居場所づくり/)
  })

  test('a receipt number, a mail with the status link, only the hash of the token kept', async () => {
    const c = await row(id)
    assert.match(c.receiptNo, /^相談-\d{4}-\d{4}$/)
    assert.equal(c.status, 'received')
    assert.ok(c.suggestions.some((s) => s.name === '高齢者支援課'))
    const [mail] = await mailsTo(email)
    assert.ok(mail, 'a receipt mail')
    assert.match(mail.subject, new RegExp(c.receiptNo))
    const link = linkIn(mail.body, '/consultations/status/')
    assert.equal(link, statusPath)
    const token = new URL(link, 'http://x').searchParams.get('token')!
    assert.ok(token.length >= 40)
    assert.ok(!JSON.stringify(c).includes(token), 'the token itself is not stored')
    const res = await t.client().get(statusPath)
    assert.match(res.headers.get('cache-control') ?? '', /no-store/)
    const page = await res.text()
    assert.match(page, new RegExp(c.receiptNo))
    assert.match(page, /aria-current="step">\s*1\. 受付/)
    // the coordinator is told
    const told = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.href, `/consultations/${id}`))
    assert.ok(told.length >= 1)
  })

  test('the coordinator finds it in the inbox and assigns it to 高齢者支援課 with a due date', async () => {
    const inbox = await (await coord.get('/coordination/consultations?status=received')).text()
    assert.match(inbox, new RegExp(`/consultations/${id}`))
    const found = await (
      await coord.get(`/coordination/consultations?q=${encodeURIComponent('見守り活動')}`)
    ).text()
    assert.match(found, new RegExp(`/consultations/${id}`))
    const none = await (
      await coord.get(`/coordination/consultations?q=${encodeURIComponent('存在しない語')}`)
    ).text()
    assert.doesNotMatch(none, new RegExp(`/consultations/${id}`))
    const res = await coord.post(`/consultations/${id}/assign`, {
      departmentIds: elderly,
      dueOn_year: '２０３０',
      dueOn_month: '1',
      dueOn_day: '15',
      field: 'health_welfare',
    })
    assert.equal(res.status, 303, await res.text())
    const c = await row(id)
    assert.equal(c.status, 'reviewing')
    assert.equal(c.dueOn, '2030-01-15')
    const byDep = await (await coord.get(`/coordination/consultations?department=${elderly}`)).text()
    assert.match(byDep, new RegExp(`/consultations/${id}`))
    const byRoads = await (await coord.get(`/coordination/consultations?department=${roads}`)).text()
    assert.doesNotMatch(byRoads, new RegExp(`/consultations/${id}`))
    const page = await (await t.client().get(statusPath)).text()
    assert.match(page, /aria-current="step">\s*2\. 確認中/)
    assert.match(page, /高齢者支援課/)
  })

  test('the department sees it in its list, keeps an internal note and answers', async () => {
    const mine = await (await staff.get('/my/consultations')).text()
    assert.match(mine, new RegExp(`/consultations/${id}`))
    assert.equal((await staff.get(`/consultations/${id}`)).status, 200)
    assert.equal(
      (await staff.post(`/consultations/${id}/note`, { body: '地域包括支援センターにも共有する' })).status,
      303,
    )
    const res = await staff.post(`/consultations/${id}/reply`, {
      body: '高齢者支援課です。見守りサロンの立ち上げを支援する制度があります。窓口でご説明します。',
    })
    assert.equal(res.status, 303, await res.text())
    const c = await row(id)
    assert.equal(c.status, 'answered')
    // the first city-side person who noted it is its 担当者 (what a hand-over gives a successor)
    const [me] = await db().select().from(users).where(eq(users.email, 'staff@demo.example'))
    assert.equal(c.handlerUserId, me.id)
    const mails = await mailsTo(email)
    assert.equal(mails.length, 2)
    assert.match(mails[1].body, /見守りサロンの立ち上げを支援する制度/)
    assert.match(mails[1].body, /高齢者支援課から回答がありました/)
  })

  test('the resident reads the answer by the link, never the internal note', async () => {
    const page = await (await t.client().get(statusPath)).text()
    assert.match(page, /見守りサロンの立ち上げを支援する制度/)
    assert.match(page, /高齢者支援課から/)
    assert.match(page, /aria-current="step">\s*3\. 回答済/)
    assert.doesNotMatch(page, /地域包括支援センターにも共有する/)
    const api = await t.client().get(`/api/v1/consultations/${id}?token=${statusPath.split('token=')[1]}`)
    assert.equal(api.status, 200)
    const j = (await api.json()) as { status: string; replies: { body: string }[]; notes?: unknown }
    assert.equal(j.status, 'answered')
    assert.equal(j.replies.length, 1)
    assert.equal(j.notes, undefined)
  })

  test('privacy: another department, a group member, a visitor and a wrong token are refused', async () => {
    for (const [who, cl] of [
      ['road staff', other],
      ['group', group],
      ['visitor', t.client()],
    ] as const) {
      const res = await cl.get(`/consultations/${id}`)
      assert.ok([302, 401, 403, 404].includes(res.status), `${who}: ${res.status}`)
      const html = await res.text()
      assert.doesNotMatch(html, /hanako@example\.jp/, who)
      const post = await cl.post(`/consultations/${id}/reply`, { body: '横から回答' })
      assert.ok([401, 403, 404].includes(post.status), `${who} reply: ${post.status}`)
      const api = await cl.get(`/api/v1/consultations/${id}`, { accept: 'application/json' })
      assert.equal(api.status, 404, `${who} api`)
    }
    assert.equal((await other.get('/my/consultations')).status, 200)
    assert.doesNotMatch(await (await other.get('/my/consultations')).text(), new RegExp(id))
    assert.equal((await t.client().get(statusPath.replace(/token=.*/, 'token=wrong'))).status, 404)
    assert.equal((await t.client().get(statusPath.replace(/\?token=.*/, ''))).status, 404)
    assert.equal((await t.client().get(`/api/v1/consultations/${id}?token=wrong`)).status, 404)
    // never written by anyone but the city: no reply was added
    const replies = await db()
      .select()
      .from(consultationMessages)
      .where(and(eq(consultationMessages.consultationId, id), eq(consultationMessages.kind, 'reply')))
    assert.equal(replies.length, 1)
    // the coordinator's inbox is the coordinator's only
    for (const cl of [staff, group, t.client()])
      assert.ok([302, 401, 403].includes((await cl.get('/coordination/consultations')).status))
  })

  test('「ニーズにする」: a draft need of the assigned department, linked from the consultation', async () => {
    const res = await coord.post(`/consultations/${id}/need`)
    assert.equal(res.status, 303, await res.text())
    const c = await row(id)
    assert.ok(c.needId)
    assert.equal(res.headers.get('location'), `/needs/${c.needId}/edit`)
    const [n] = await db().select().from(needs).where(eq(needs.id, c.needId!))
    assert.equal(n.status, 'draft')
    assert.equal(n.departmentId, elderly)
    assert.match(n.situation, new RegExp(c.receiptNo))
    // the link both ways: the need's page (to its department) leads back to the consultation
    assert.equal(n.originHref, `/consultations/${id}`)
    const needPage = await (await staff.get(`/needs/${c.needId}`)).text()
    assert.match(needPage, new RegExp(`href="/consultations/${id}"[^>]*>もとになった相談 ${c.receiptNo}`))
    assert.match(await (await coord.get(`/consultations/${id}`)).text(), new RegExp(`/needs/${c.needId}`))
    // a second time is refused back to the page
    const again = await coord.post(`/consultations/${id}/need`)
    assert.equal(again.status, 303)
    assert.equal(again.headers.get('location'), `/consultations/${id}`)
    assert.equal((await staff.post(`/consultations/${id}/need`)).status, 403)
  })

  test('「調整ボードの候補にする」: a group × the assigned department on the board, linked both ways', async () => {
    const page = await (await coord.get(`/consultations/${id}`)).text()
    assert.match(page, /調整ボードの候補にする/)
    const [g] = await db()
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.municipalityId, mid), eq(groups.status, 'published')))
      .limit(1)
    // only an assigned department; staff of the department cannot do it (the coordinator's triage)
    const wrong = await coord.post(`/consultations/${id}/pairing`, { groupId: g.id, departmentId: roads })
    assert.equal(wrong.status, 422)
    assert.match(await wrong.text(), /この相談に割り当てた課から選んでください/)
    assert.equal(
      (await staff.post(`/consultations/${id}/pairing`, { groupId: g.id, departmentId: elderly })).status,
      403,
    )
    const ok = await coord.post(`/consultations/${id}/pairing`, { groupId: g.id, departmentId: elderly })
    assert.equal(ok.status, 303)
    const pid = ok.headers.get('location')!.split('/').pop()!
    const [p] = await db().select().from(pairings).where(eq(pairings.id, pid))
    assert.equal(p.groupId, g.id)
    assert.equal(p.departmentId, elderly)
    assert.match(p.reasons[0], /相談（相談-\d{4}-\d{4}）から/)
    assert.equal((await row(id)).pairingId, pid)
    assert.match(
      await (await coord.get(`/consultations/${id}`)).text(),
      new RegExp(`/coordination/pairings/${pid}`),
    )
  })

  test('a meeting (調整会議) about the consultation: set from its page, titled by its receipt number, refused to others', async () => {
    const page = await (await coord.get(`/consultations/${id}`)).text()
    const href = `/meetings/new?subject=consultation&amp;id=${id}`
    assert.ok(page.includes(href), 'the page links to setting a meeting')
    const form = await coord.get(`/meetings/new?subject=consultation&id=${id}`)
    assert.equal(form.status, 200)
    assert.match(await form.text(), /相談（相談-\d{4}-\d{4}）/)
    // another department's staff may not set a meeting about it
    assert.notEqual((await other.get(`/meetings/new?subject=consultation&id=${id}`)).status, 200)
  })

  test('erasure on request: confirmed first, name/e-mail/phone blanked, audited without the values', async () => {
    const ask1 = await coord.post(`/consultations/${id}/erase`)
    assert.equal(ask1.status, 200)
    assert.match(await ask1.text(), /個人情報の消去の確認/)
    assert.equal((await row(id)).email, email)
    assert.equal((await staff.post(`/consultations/${id}/erase`, { confirmed: 'yes' })).status, 403)
    const res = await coord.post(`/consultations/${id}/erase`, { confirmed: 'yes' })
    assert.equal(res.status, 303)
    const c = await row(id)
    assert.deepEqual([c.name, c.email, c.phone, c.groupName], ['', '', '', ''])
    assert.ok(c.erasedAt)
    const [a] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'consultation.erase'), eq(auditLog.entityId, id)))
    assert.ok(a, 'audited')
    assert.doesNotMatch(JSON.stringify(a), /hanako/)
    // the answer is still readable by link; the next reply mails nobody
    assert.match(await (await t.client().get(statusPath)).text(), /ご依頼により消去しました/)
    const before = (await db().select().from(outbox).where(eq(outbox.municipalityId, mid))).length
    assert.equal((await coord.post(`/consultations/${id}/reply`, { body: '追記です。' })).status, 303)
    const afterMails = await db().select().from(outbox).where(eq(outbox.municipalityId, mid))
    assert.equal(afterMails.length, before)
  })
})

describe('bad input', () => {
  test('no text, no name, an invalid e-mail: 422 naming each field, what was typed kept', async () => {
    const res = await visitor.post('/consultations/next', { text: '  ', name: '', email: 'not-an-address' })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /相談の内容を入力してください/)
    assert.match(html, /お名前を入力してください/)
    assert.match(html, /メールアドレスの形式が正しくありません/)
    assert.match(html, /value="not-an-address"/)
    assert.match(html, /aria-invalid="true"/)
    const noContact = await visitor.post('/consultations/next', { text: '相談です', name: '山田' })
    assert.equal(noContact.status, 422)
    const h2 = await noContact.text()
    assert.match(h2, /メールアドレスを入力してください/)
    assert.match(h2, /相談です/)
  })

  test('a department that is not in the list is refused on the second step', async () => {
    const form = { text: '道路の相談', name: '山田', email: 'y@example.jp', destination: 'department' }
    const none = await visitor.post('/consultations', form)
    assert.equal(none.status, 422)
    assert.match(await none.text(), /送り先の課を一覧から選んでください/)
    const bad = await visitor.post('/consultations', {
      ...form,
      departmentId: '00000000-0000-4000-8000-000000000000',
    })
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /送り先の課を一覧から選んでください/)
  })

  test('full-width input is normalised like the rest of the app; 戻って書き直す keeps the text', async () => {
    const r = await ask('公園の清掃活動を始めたい', 'ＨＡＮＡ＠ＥＸＡＭＰＬＥ．ＪＰ', {
      phone: '０４２２－６０－１８００',
    })
    const c = await row(r.id)
    assert.equal(c.email, 'hana@example.jp')
    assert.equal(c.phone, '0422-60-1800')
    const back = await visitor.post('/consultations', {
      text: '下書きの文',
      name: '山田',
      email: 'x@example.jp',
      back: '1',
    })
    assert.equal(back.status, 200)
    assert.match(await back.text(), /下書きの文/)
  })

  test('sent to a department directly: assigned to it, and its staff are told', async () => {
    const form = {
      text: 'お年寄りの見守りについて相談したい',
      name: '山田',
      email: 'direct@example.jp',
      destination: 'department',
      departmentId: elderly,
    }
    const res = await visitor.post('/consultations', form)
    assert.equal(res.status, 303)
    const id = res.headers.get('location')!.split('/')[3].split('?')[0]
    assert.match(await (await staff.get('/my/consultations')).text(), new RegExp(id))
    assert.equal((await staff.get(`/consultations/${id}`)).status, 200)
    assert.equal((await other.get(`/consultations/${id}`)).status, 403)
  })
})

describe('API', () => {
  let id = ''
  let statusUrl = ''
  test('POST /api/v1/consultations: anyone; receipt number, status link and suggestions', async () => {
    const c = t.client()
    await c.get('/consultations')
    const res = await c.json('POST', '/api/v1/consultations', {
      text: 'ひとり暮らしの母の見守りを頼みたい',
      name: 'API 太郎',
      email: 'api@example.jp',
    })
    assert.equal(res.status, 201, await res.clone().text())
    const j = (await res.json()) as {
      id: string
      receiptNo: string
      statusUrl: string
      suggestions: { departmentId: string; name: string; score: number; reasons: string[] }[]
    }
    assert.match(j.receiptNo, /^相談-\d{4}-\d{4}$/)
    assert.match(j.statusUrl, /^https?:\/\/.+\/consultations\/status\/.+\?token=/)
    assert.ok(j.suggestions.some((s) => s.name === '高齢者支援課' && s.score > 0 && Array.isArray(s.reasons)))
    id = j.id
    statusUrl = j.statusUrl
  })

  test('422 with Japanese messages naming the fields', async () => {
    const c = t.client()
    await c.get('/consultations')
    const res = await c.json('POST', '/api/v1/consultations', { text: '', email: 'bad' })
    assert.equal(res.status, 422)
    const j = (await res.json()) as { fields: { field: string; message: string }[] }
    const f = Object.fromEntries(j.fields.map((x) => [x.field, x.message]))
    assert.match(f.text, /相談の内容を入力してください/)
    assert.match(f.name, /お名前/)
    assert.match(f.email, /メールアドレスの形式/)
  })

  test('assignment (coordinator) and reply (the assigned department) through the API', async () => {
    assert.equal(
      (await staff.json('POST', `/api/v1/consultations/${id}/assignments`, { departmentIds: [elderly] }))
        .status,
      403,
    )
    const bad = await coord.json('POST', `/api/v1/consultations/${id}/assignments`, {
      departmentIds: [elderly],
      dueOn: '2026-02-30',
    })
    assert.equal(bad.status, 422)
    const res = await coord.json('POST', `/api/v1/consultations/${id}/assignments`, {
      departmentIds: [elderly],
      dueOn: '2030-03-01',
    })
    assert.equal(res.status, 200, await res.clone().text())
    const j = (await res.json()) as {
      departments: { name: string }[]
      dueOn: string
      contact: { email: string }
    }
    assert.deepEqual(
      j.departments.map((d) => d.name),
      ['高齢者支援課'],
    )
    assert.equal(j.dueOn, '2030-03-01')
    assert.equal(j.contact.email, 'api@example.jp')
    assert.equal((await other.json('POST', `/api/v1/consultations/${id}/replies`, { body: 'x' })).status, 403)
    assert.equal((await group.json('POST', `/api/v1/consultations/${id}/replies`, { body: 'x' })).status, 403)
    assert.equal((await staff.json('POST', `/api/v1/consultations/${id}/replies`, { body: '' })).status, 422)
    const rep = await staff.json('POST', `/api/v1/consultations/${id}/replies`, { body: 'APIからの回答です' })
    assert.equal(rep.status, 201)
    const seen = await t
      .client()
      .get(
        new URL(statusUrl).pathname.replace('/consultations/status/', '/api/v1/consultations/') +
          new URL(statusUrl).search,
      )
    const s = (await seen.json()) as { status: string; replies: { body: string; from: string }[] }
    assert.equal(s.status, 'answered')
    assert.deepEqual(
      s.replies.map((r) => [r.body, r.from]),
      [['APIからの回答です', '高齢者支援課']],
    )
    const staffView = (await (await staff.get(`/api/v1/consultations/${id}`)).json()) as { notes: unknown[] }
    assert.ok(Array.isArray(staffView.notes))
  })
})

describe('triage tools', () => {
  test('reply templates: the coordinator adds one, it fills the reply; department staff cannot manage them', async () => {
    const res = await coord.post('/coordination/consultation-templates', {
      title: '受付のお礼',
      body: 'ご相談ありがとうございます。テンプレートの本文です。',
    })
    assert.equal(res.status, 303)
    const bad = await coord.post('/coordination/consultation-templates', { title: '', body: '' })
    assert.equal(bad.status, 422)
    assert.match(await bad.text(), /テンプレートの名前を入力してください/)
    assert.equal(
      (await staff.post('/coordination/consultation-templates', { title: 'x', body: 'y' })).status,
      403,
    )
    const page = await (await coord.get('/coordination/consultation-templates')).text()
    assert.match(page, /受付のお礼/)
    const [tpl] = await db()
      .select()
      .from(consultationTemplates)
      .where(
        and(eq(consultationTemplates.municipalityId, mid), eq(consultationTemplates.title, '受付のお礼')),
      )
    const tid = tpl.id
    const [c] = await db().select().from(consultations).where(eq(consultations.municipalityId, mid)).limit(1)
    const detail = await (await coord.get(`/consultations/${c.id}?template=${tid}`)).text()
    assert.match(
      detail,
      /<textarea[^>]*name="body"[^>]*>ご相談ありがとうございます。テンプレートの本文です。/,
    )
  })

  test('overdue reminders: the coordinators and the department told once a day', async () => {
    const r = await ask('見守りの相談です（期限テスト）', 'due@example.jp')
    await coord.post(`/consultations/${r.id}/assign`, {
      departmentIds: elderly,
      dueOn_year: '2020',
      dueOn_month: '1',
      dueOn_day: '1',
    })
    const ctx = await jobCtx()
    assert.ok((await remindOverdue(ctx)) >= 1)
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.href, `/consultations/${r.id}`)))
    assert.ok(told.some((n) => /回答期限（2020-01-01）が過ぎています/.test(n.title)))
    const n1 = told.length
    await remindOverdue(ctx)
    const again = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.href, `/consultations/${r.id}`)))
    assert.equal(again.length, n1, 'not twice the same day')
    const overdue = await (await coord.get('/coordination/consultations?overdue=1')).text()
    assert.match(overdue, new RegExp(r.id))
    assert.match(overdue, /期限超過/)
  })

  test('retention: name and contact of a consultation closed a year ago are blanked by the job', async () => {
    const r = await ask('保存期間のテストです', 'old@example.jp')
    const recent = await ask('最近完了したものです', 'recent@example.jp')
    const long = new Date(Date.now() - 400 * 86_400_000)
    await db()
      .update(consultations)
      .set({ status: 'closed', closedAt: long })
      .where(eq(consultations.id, r.id))
    await db()
      .update(consultations)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(consultations.id, recent.id))
    assert.ok((await purgeClosed(await jobCtx())) >= 1)
    const c = await row(r.id)
    assert.deepEqual([c.name, c.email], ['', ''])
    assert.ok(c.erasedAt)
    assert.equal((await row(recent.id)).email, 'recent@example.jp')
  })

  test('statistics by department, field and month; menus and home', async () => {
    const res = await coord.get('/coordination/consultations/stats')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /担当課別/)
    assert.match(html, /高齢者支援課/)
    assert.match(html, /保健・医療・福祉/)
    assert.match(html, /受付月別/)
    assert.equal((await staff.get('/coordination/consultations/stats')).status, 403)
    const home = await (await coord.get('/')).text()
    assert.match(home, /href="\/coordination\/consultations"/)
    const sHome = await (await staff.get('/')).text()
    assert.match(sHome, /href="\/my\/consultations"/)
    assert.match(await (await t.client().get('/')).text(), /href="\/consultations"/)
  })
})
