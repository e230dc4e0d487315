import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { groups } from '../groups/schema.ts'
import { departments } from '../organisation/schema.ts'
import { normalizeForSearch, ymdInTokyo } from '../../core/japanese/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { resetMatchingCaches, setSyncInterval } from './candidates.ts'
import { needs } from '../needs/schema.ts'
import { projects } from '../projects/schema.ts'
import { synonymsOf, terms, textReady } from './text.ts'

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
  setSyncInterval(0)
  resetMatchingCaches()
})
after(async () => t.close())

/** Test fixture: groups written straight into the groups table (tests only). */
async function addGroup(name: string, over: Partial<typeof groups.$inferInsert> = {}) {
  const [g] = await t.database.db
    .insert(groups)
    .values({
      municipalityId: mid,
      name,
      actorKind: 'civic',
      legalForm: 'voluntary',
      fields: ['community'],
      status: 'published',
      searchText: normalizeForSearch(name),
      ...over,
    })
    .returning()
  return g.id
}

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

test('text: compounds are kept and synonyms meet (お年寄り ↔ 高齢者)', async () => {
  await textReady()
  const ts = terms('一人暮らしの高齢者の見守り活動')
  assert.ok(ts.includes('高齢者'), ts.join(' '))
  assert.ok(terms('安否確認をする').includes('安否確認'))
  assert.ok(synonymsOf('年寄り').includes('高齢者') || synonymsOf('お年寄り').includes('高齢者'))
  assert.ok(synonymsOf('見守り').includes('安否確認'))
})

test('ranking with reasons: synonyms count, unpublished and suspended groups are never suggested', async () => {
  const elderly = await addGroup('ふれあい高齢者サポートの会', {
    fields: ['health_welfare'],
    purpose: '高齢者の見守りと声かけ、サロンの運営',
    activities: '一人暮らし高齢者への訪問、安否確認',
    trackRecord: '令和5年度 高齢者見守り事業に協力',
    wantsCollaboration: true,
  })
  const kids = await addGroup('こども絵本の会', {
    fields: ['children'],
    purpose: '絵本の読み聞かせ',
    activities: '図書館でのおはなし会',
  })
  const hidden = await addGroup('高齢者見守り隊（停止中）', {
    fields: ['health_welfare'],
    purpose: '高齢者の見守りと安否確認',
    status: 'suspended',
  })
  const draft = await addGroup('高齢者見守り準備会', {
    fields: ['health_welfare'],
    purpose: '高齢者の見守りと安否確認',
    status: 'draft',
  })
  const c = await t.as('staff@demo.example')
  await c.get('/needs/new')
  const res = await c.post('/needs', needForm(await dep('高齢者支援課')))
  assert.equal(res.status, 303)
  const id = res.headers.get('location')!.split('/').pop()!
  const r = await c.get(`/api/v1/needs/${id}/matches`, { accept: 'application/json' })
  assert.equal(r.status, 200)
  const { items } = (await r.json()) as { items: { groupId: string; score: number; reasons: string[] }[] }
  const ids = items.map((x) => x.groupId)
  assert.ok(!ids.includes(hidden) && !ids.includes(draft))
  const top = items.find((x) => x.groupId === elderly)!
  assert.ok(top, 'the elderly-support group is suggested')
  assert.ok(ids.indexOf(elderly) < (ids.includes(kids) ? ids.indexOf(kids) : 999))
  assert.ok(top.reasons.some((x) => x.startsWith('分野が一致：保健・医療・福祉')))
  assert.ok(
    top.reasons.some((x) => x.startsWith('本文の一致語') && /高齢者|安否確認/.test(x)),
    top.reasons.join(' / '),
  )
  assert.ok(top.reasons.some((x) => x.startsWith('実績：')))
  const page = await (await c.get(`/needs/${id}/matches`)).text()
  assert.match(page, /ふれあい高齢者サポートの会/)
  assert.doesNotMatch(page, /停止中/)

  // reverse: needs for a group
  const g = await t.as('coordinator@demo.example')
  const rev = (await (
    await g.get(`/api/v1/groups/${elderly}/matches`, { accept: 'application/json' })
  ).json()) as { items: { needId: string }[] }
  assert.ok(rev.items.some((x) => x.needId === id))
})

test('board: introduce two, record the meeting, one ends as an agreed project shown for the group', async () => {
  const c = await t.as('coordinator@demo.example')
  const a = await addGroup('境南見守りの会', { fields: ['health_welfare'], purpose: 'お年寄りの見守り' })
  const b = await addGroup('桜堤サロンの会', { fields: ['health_welfare'], purpose: '高齢者のサロン' })
  const [n] = await t.database.db
    .select()
    .from(needs)
    .where(and(eq(needs.municipalityId, mid), eq(needs.title, 'お年寄りの安否確認を地域で進めたい')))
  await c.get(`/needs/${n.id}/matches`)
  const pair = async (gid: string) => {
    const r = await c.post(`/needs/${n.id}/pairings`, { groupId: gid })
    assert.equal(r.status, 303)
    return r.headers.get('location')!.split('/').pop()!
  }
  const p1 = await pair(a)
  const p2 = await pair(b)
  const [y, m, d] = day(0)
  const move = (p: string, stage: string, extra: Record<string, string> = {}) =>
    c.post(`/coordination/pairings/${p}/stage`, {
      stage,
      on_year: y,
      on_month: m,
      on_day: d,
      note: 'メモ',
      ...extra,
    })
  assert.equal((await move(p1, 'introduced')).status, 303)
  assert.equal((await move(p2, 'introduced')).status, 303)
  assert.equal((await move(p1, 'agreed', {})).status, 303)
  // cannot jump backwards; declining needs a reason
  assert.equal((await move(p1, 'candidate')).status, 422)
  const noReason = await move(p2, 'declined')
  assert.equal(noReason.status, 422)
  assert.match(await noReason.text(), /見送りの理由を入力してください/)
  assert.equal((await move(p2, 'declined', { reason: '時期が合わない' })).status, 303)
  const meet = await c.post(`/coordination/pairings/${p2}/meetings`, {
    title: '顔合わせ',
    on_year: y,
    on_month: m,
    on_day: d,
    minutes: '活動紹介',
  })
  assert.equal(meet.status, 303) // meetings can be recorded until the pairing ends? (declined: page hides the form)
  const pr = await c.post(`/coordination/pairings/${p1}/project`, {
    title: '地域見守り協働事業',
    form: 'cooperation',
    startOn_year: y,
    startOn_month: m,
    startOn_day: d,
    purpose: '見守りの仕組みづくり',
  })
  assert.equal(pr.status, 303)
  const [proj] = await t.database.db.select().from(projects).where(eq(projects.pairingId, p1))
  assert.deepEqual(proj.groupIds, [a])
  const [after] = await t.database.db.select().from(needs).where(eq(needs.id, n.id))
  assert.equal(after.status, 'matched')
  const board = await (await c.get('/coordination/board')).text()
  assert.match(board, /境南見守りの会/)
  assert.match(await (await t.client().get(`/projects/${proj.id}`)).text(), /地域見守り協働事業/)
  const { projectsForGroup } = await import('../projects/service.ts')
  const ctx = { db: t.database.db, tenantId: mid, municipality: { settings: {} } } as any
  assert.equal((await projectsForGroup(ctx, a))[0].title, '地域見守り協働事業')
  // a visitor cannot see the pairing
  assert.notEqual((await t.client().get(`/coordination/pairings/${p1}`)).status, 200)
})
