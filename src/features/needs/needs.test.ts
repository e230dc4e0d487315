import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { outbox, users } from '../../core/db/schema.ts'
import { groupMembers } from '../groups/schema.ts'
import { areas, departmentMembers, departments } from '../organisation/schema.ts'
import { DEMO_PASSWORD } from '../../demo/index.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { cityPlans, needAreas, needPlans, needs } from './schema.ts'
import { notifications } from '../notifications/schema.ts'

let t: TestApp
let mid: string
const day = (o: number) => ymdInTokyo(new Date(Date.now() + o * 86_400_000)).split('-')
const dep = async (name: string) =>
  (
    await t.database.db
      .select()
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.name, name)))
  )[0].id

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
})
after(async () => t.close())

function needForm(depId: string, over: Record<string, string | string[]> = {}) {
  const [y, m, d] = day(30)
  return {
    departmentId: depId,
    title: 'お年寄りの安否確認を地域で進めたい',
    situation: '一人暮らしのお年寄りが増え、安否確認が追いつかない。',
    goal: '地域で見守る仕組みがある状態',
    hasBudget: 'yes',
    budgetLimit: '300000',
    forms: ['cooperation'],
    fields: ['health_welfare'],
    visibility: 'public',
    status: 'published',
    deadline_year: y,
    deadline_month: m,
    deadline_day: d,
    ...over,
  }
}

test('need form: past deadline, negative limit, unknown form are refused with the field named', async () => {
  const c = await t.as('staff@demo.example')
  const own = await dep('高齢者支援課')
  await c.get('/needs/new')
  const [y, m, d] = day(-3)
  const res = await c.post(
    '/needs',
    needForm(own, {
      deadline_year: y,
      deadline_month: m,
      deadline_day: d,
      budgetLimit: '-5',
      forms: ['bogus'],
    }),
  )
  assert.equal(res.status, 422)
  const html = await res.text()
  assert.match(html, /回答期限は今日以降の日付を入力してください/)
  assert.match(html, /予算の上限額は0以上で入力してください/)
  assert.match(html, /協働の形態は一覧から選んでください/)
  assert.match(html, /お年寄りの安否確認/) // what the person typed is kept

  const api = await c.json('POST', '/api/v1/needs', {
    departmentId: own,
    title: 'テスト',
    situation: '現状',
    goal: '目標',
    fields: ['health_welfare'],
    forms: ['bogus'],
    budgetLimit: -1,
    deadline: '2001-01-01',
  })
  assert.equal(api.status, 422)
  const body = (await api.json()) as { fields: { field: string; message: string }[] }
  const f = Object.fromEntries(body.fields.map((x) => [x.field, x.message]))
  assert.match(f.deadline, /回答期限/)
  assert.match(f.budgetLimit, /予算の上限額は0以上/)
  assert.ok(Object.keys(f).some((k) => k.startsWith('forms')))
})

test('a department cannot create or edit another department’s need', async () => {
  const c = await t.as('staff@demo.example')
  await c.get('/needs/new')
  const other = await dep('道路課')
  const res = await c.post('/needs', needForm(other))
  assert.equal(res.status, 422)
  assert.match(await res.text(), /あなたが所属する課/)
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, mid), eq(needs.departmentId, await dep('防災課'))))
  assert.equal((await c.get(`/needs/${n.id}/edit`)).status, 403)
  assert.equal((await c.post(`/needs/${n.id}/edit`, needForm(other))).status, 403)
  assert.equal((await c.get(`/api/v1/needs/${n.id}/matches`, { accept: 'application/json' })).status, 403)
})

test('city-hall-only needs are hidden from visitors and groups (pages and API)', async () => {
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, mid), eq(needs.visibility, 'staff')))
  assert.ok(n)
  const visitor = t.client()
  const group = await t.as('group@demo.example')
  const staff = await t.as('staff@demo.example')
  for (const c of [visitor, group]) {
    assert.equal((await c.get(`/needs/${n.id}`)).status, 404)
    assert.equal((await c.get(`/api/v1/needs/${n.id}`, { accept: 'application/json' })).status, 404)
    assert.doesNotMatch(await (await c.get('/needs')).text(), new RegExp(n.title))
    const list = (await (await c.get('/api/v1/needs', { accept: 'application/json' })).json()) as {
      items: { id: string }[]
    }
    assert.ok(!list.items.some((x) => x.id === n.id))
  }
  assert.equal((await staff.get(`/needs/${n.id}`)).status, 200)
})

test('interest: a group says 関心があります and the department is told', async () => {
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, mid),
        eq(needs.departmentId, await dep('高齢者支援課')),
        eq(needs.status, 'published'),
      ),
    )
  const g = await t.as('group@demo.example')
  await g.get(`/needs/${n.id}`)
  const [gm] = await t.database.db.select().from(groupMembers).where(eq(groupMembers.municipalityId, mid))
  const res = await g.post(`/needs/${n.id}/interest`, { groupId: gm.groupId, message: '協力できます' })
  assert.equal(res.status, 303)
  const [staffUser] = await t.database.db.select().from(users).where(eq(users.email, 'staff@demo.example'))
  const ns = await t.database.db.select().from(notifications).where(eq(notifications.userId, staffUser.id))
  assert.ok(ns.some((x) => x.kind === 'interest'))
  const s = await t.as('staff@demo.example')
  assert.match(await (await s.get(`/needs/${n.id}`)).text(), /協力できます/)
  // the staff member is not a group member: refused
  assert.equal((await s.post(`/needs/${n.id}/interest`, { groupId: gm.groupId })).status, 403)
})

test('hearing: open, a department answers none with a reason, remind the rest, publish', async () => {
  const c = await t.as('coordinator@demo.example')
  // the demo's hearing is open: publish it first, then open a new one
  const list = await (await c.get('/coordination/hearings')).text()
  const old = list.match(/\/coordination\/hearings\/([0-9a-f-]{36})/)![1]
  assert.equal((await c.post(`/coordination/hearings/${old}/publish`)).status, 303)
  const [y, m, d] = day(10)
  const res = await c.post('/coordination/hearings', {
    title: '来年度の協働ニーズ調査',
    message: 'ご回答ください',
    dueOn_year: y,
    dueOn_month: m,
    dueOn_day: d,
  })
  assert.equal(res.status, 303)
  const hid = res.headers.get('location')!.split('/').pop()!
  const s = await t.as('staff@demo.example')
  await s.get(`/coordination/hearings/${hid}`)
  const own = await dep('高齢者支援課')
  const bad = await s.post(`/coordination/hearings/${hid}/answer`, {
    departmentId: own,
    answer: 'none',
    reason: '',
  })
  assert.equal(bad.status, 422)
  assert.equal(
    (
      await s.post(`/coordination/hearings/${hid}/answer`, {
        departmentId: own,
        answer: 'none',
        reason: '今年度は計画策定の年のため',
      })
    ).status,
    303,
  )
  assert.equal(
    (
      await s.post(`/coordination/hearings/${hid}/answer`, {
        departmentId: await dep('道路課'),
        answer: 'none',
        reason: 'x',
      })
    ).status,
    403,
  )
  const before = (await t.database.db.select().from(outbox)).length
  assert.equal((await c.post(`/coordination/hearings/${hid}/remind`)).status, 303)
  const page = await (await c.get(`/coordination/hearings/${hid}`)).text()
  assert.match(page, /今年度は計画策定の年のため/)
  assert.match(page, /未回答/)
  // the coordinator (a member of 市民協働推進課) was reminded by mail
  assert.ok((await t.database.db.select().from(outbox)).length > before)
  // a draft need entered during the hearing is published with the hearing
  await s.get('/needs/new')
  const draft = await s.post('/needs', needForm(own, { title: 'ヒアリングで出たニーズ', status: 'draft' }))
  assert.equal(draft.status, 303)
  assert.equal((await c.post(`/coordination/hearings/${hid}/publish`)).status, 303)
  const [n] = await t.database.db.select().from(needs).where(eq(needs.title, 'ヒアリングで出たニーズ'))
  assert.equal(n.status, 'published')
  assert.equal(n.hearingId, hid)
})

test('notifications: follow settings and the digest of matching new needs', async () => {
  const g = await t.as('group@demo.example')
  await g.get('/notifications')
  assert.equal(
    (await g.post('/notifications/follow', { fields: ['health_welfare'], digest: 'daily' })).status,
    303,
  )
  assert.equal((await g.post('/notifications/follow', { digest: 'hourly' })).status, 422)
  const { sendDigests } = await import('../notifications/digest.ts')
  const [city] = await t.database.db
    .execute((await import('drizzle-orm')).sql`select * from municipalities where id = ${mid}`)
    .then((r: any) => r.rows ?? r)
  const ctx = {
    db: t.database.db,
    tenantId: mid,
    municipality: city,
    config: t.config,
    actor: null,
    ip: '127.0.0.1',
    userAgent: 'test',
  } as any
  const sent = await sendDigests(ctx)
  assert.ok(sent >= 1)
  const page = await (await g.get('/notifications')).text()
  assert.match(page, /新着の協働ニーズ/)
  // stage changes notify participants (the group was told when its pairing changed in the demo)
  const [gu] = await t.database.db.select().from(users).where(eq(users.email, 'group@demo.example'))
  const ns = await t.database.db.select().from(notifications).where(eq(notifications.userId, gu.id))
  assert.ok(ns.some((x) => x.kind === 'digest'))
  void departmentMembers
  void DEMO_PASSWORD
})

test('a need’s areas and plans live in need_areas and need_plans: the API and page give them back, an edit replaces them, a follower of the area is told', async () => {
  const db = t.database.db
  const as = await db.select().from(areas).where(eq(areas.municipalityId, mid)).orderBy(areas.name).limit(3)
  const ps = await db
    .select()
    .from(cityPlans)
    .where(and(eq(cityPlans.municipalityId, mid), eq(cityPlans.active, true)))
    .orderBy(cityPlans.name)
    .limit(2)
  assert.equal(as.length, 3)
  assert.equal(ps.length, 2)
  // the coordinator follows only the second area, and wants to be told at once
  const co = await t.as('coordinator@demo.example')
  await co.get('/notifications')
  assert.equal(
    (await co.post('/notifications/follow', { areaIds: [as[1].id], digest: 'immediate' })).status,
    303,
  )
  const c = await t.as('staff@demo.example')
  const own = await dep('高齢者支援課')
  await c.get('/needs/new')
  const title = '地区と計画でつながるニーズ'
  const form = (areaIds: string[], planIds: string[]) =>
    needForm(own, { title, fields: ['community'], areaIds, planIds })
  assert.equal((await c.post('/needs', form([as[0].id, as[1].id], [ps[0].id]))).status, 303)
  const [n] = await db
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.municipalityId, mid), eq(needs.title, title)))
  const get = async () =>
    (await (await c.get(`/api/v1/needs/${n.id}`, { accept: 'application/json' })).json()) as any
  let j = await get()
  assert.deepEqual([...j.areaIds].sort(), [as[0].id, as[1].id].sort())
  assert.deepEqual(
    (await db.select().from(needPlans).where(eq(needPlans.needId, n.id))).map((x) => x.planId),
    [ps[0].id],
  )
  const [cu] = await db.select().from(users).where(eq(users.email, 'coordinator@demo.example'))
  const told = await db.select().from(notifications).where(eq(notifications.userId, cu.id))
  assert.ok(
    told.some((x) => x.kind === 'follow' && x.title.includes(title)),
    'the follower of the area was told',
  )
  // an edit replaces both sets
  await c.get(`/needs/${n.id}/edit`)
  assert.equal((await c.post(`/needs/${n.id}/edit`, form([as[2].id], [ps[1].id]))).status, 303)
  j = await get()
  assert.deepEqual(j.areaIds, [as[2].id])
  assert.deepEqual(
    (await db.select().from(needPlans).where(eq(needPlans.needId, n.id))).map((x) => x.planId),
    [ps[1].id],
  )
  // the need's page names its plan (from need_plans)
  assert.match(await (await c.get(`/needs/${n.id}`)).text(), new RegExp(ps[1].name))
  assert.deepEqual(
    (await db.select().from(needAreas).where(eq(needAreas.needId, n.id))).map((x) => x.areaId),
    [as[2].id],
  )
  // the list filters by area through the join table
  const list = (await (await c.get(`/needs?area=${as[2].id}`)).text()) as string
  assert.match(list, new RegExp(title))
})

test('status: one button per allowed transition, each confirmed before it acts', async () => {
  const c = await t.as('staff@demo.example')
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(
      and(
        eq(needs.municipalityId, mid),
        eq(needs.departmentId, await dep('高齢者支援課')),
        eq(needs.status, 'published'),
      ),
    )
  const page = await (await c.get(`/needs/${n.id}`)).text()
  assert.doesNotMatch(page, /<select[^>]*name="status"/, 'no select for the state')
  for (const s of ['coordinating', 'matched', 'unmatched', 'withdrawn', 'draft'])
    assert.match(page, new RegExp(`name="status" value="${s}"`))
  assert.doesNotMatch(page, /name="status" value="published"/, 'the current state is not offered')

  const ask = await c.post(`/needs/${n.id}/status`, { status: 'coordinating' })
  assert.equal(ask.status, 200)
  const html = await ask.text()
  assert.match(html, /「公開」から「調整中」に変更します。よろしいですか。/)
  assert.match(html, /name="confirmed" value="yes"/)
  assert.match(html, new RegExp(`href="/needs/${n.id}"[^>]*>戻る`))
  const still = await t.database.db.select().from(needs).where(eq(needs.id, n.id))
  assert.equal(still[0].status, 'published', 'nothing changes before 変更する')

  const done = await c.post(`/needs/${n.id}/status`, { status: 'coordinating', confirmed: 'yes' })
  assert.equal(done.status, 303)
  const now = await t.database.db.select().from(needs).where(eq(needs.id, n.id))
  assert.equal(now[0].status, 'coordinating')

  // a stale page (not allowed from the state it is in now) returns to the need with the reason
  const stale = await c.post(`/needs/${n.id}/status`, { status: 'draft', confirmed: 'yes' })
  assert.equal(stale.status, 303)
  assert.match(await (await c.get(`/needs/${n.id}`)).text(), /現在の状態（調整中）からは/)
  await c.post(`/needs/${n.id}/status`, { status: 'published', confirmed: 'yes' })
})

test('plans: 使用を停止 asks first and changes nothing; the confirmed post stops it; 再開 acts at once', async () => {
  const c = await t.as('admin@demo.example')
  assert.equal((await c.post('/needs/plans', { name: '確認用の計画', description: '' })).status, 303)
  const plan = async () =>
    (
      await t.database.db
        .select()
        .from(cityPlans)
        .where(and(eq(cityPlans.municipalityId, mid), eq(cityPlans.name, '確認用の計画')))
    )[0]
  const p = await plan()
  assert.equal(p.active, true)
  const ask = await c.post(`/needs/plans/${p.id}/toggle`)
  assert.equal(ask.status, 200, 'a confirmation step first')
  const html = await ask.text()
  assert.match(html, /計画・施策「確認用の計画」の使用を停止します。よろしいですか。/)
  assert.match(html, /name="confirmed" value="yes"/)
  assert.match(html, /href="\/needs\/plans"[^>]*>戻る/)
  assert.equal((await plan()).active, true, 'nothing changed yet')
  assert.equal((await c.post(`/needs/plans/${p.id}/toggle`, { confirmed: 'yes' })).status, 303)
  assert.equal((await plan()).active, false)
  assert.equal((await c.post(`/needs/plans/${p.id}/toggle`)).status, 303, 'resuming needs no confirmation')
  assert.equal((await plan()).active, true)
})
