import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { groups } from '../groups/schema.ts'
import { departments } from '../organisation/schema.ts'
import { normalizeForSearch, ymdInTokyo } from '../../core/japanese/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { municipalities } from '../../core/db/schema.ts'
import { needs } from '../needs/schema.ts'
import { projects } from '../projects/schema.ts'
import { projectColumns } from '../projects/columns.ts'
import type { Match } from '../../core/japanese/rank.ts'
import { bandOf, checkableWords, distinctiveFirst, type SCALE, toScale } from './relevance.ts'

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

type Item = {
  groupId: string
  groupName: string
  score: number
  band: string
  reasons: string[]
  words: string[]
  snippet: { text: string; spans: [number, number][] } | null
}
type Listing = { scale: typeof SCALE; items: Item[] }

/** Post a need as the department's staff; its id. */
async function postNeed(over: Record<string, string | string[]> = {}, depName = '高齢者支援課') {
  const c = await t.as('staff@demo.example')
  await c.get('/needs/new')
  const res = await c.post('/needs', needForm(await dep(depName), over))
  assert.equal(res.status, 303)
  return { c, id: res.headers.get('location')!.split('/').pop()! }
}

/** Unrelated groups written like real ones, so a suggestion is found among distractors. */
async function distractors(tag: string) {
  const list = [
    ['囲碁の会', '囲碁の対局と初心者向けの教室を公民館で開いている。'],
    ['郷土史研究会', '市内の古文書を読み解き、郷土の歴史を冊子にまとめている。'],
    ['ママさんバレーボールクラブ', '週に二回、小学校の体育館でバレーボールの練習と大会参加をしている。'],
    ['川をきれいにする会', '河川敷の清掃と水質の調査を毎月行っている。'],
    ['英語で話そう会', '外国人と日本人が英会話で交流する集まりを開いている。'],
    ['商店街にぎわい委員会', '空き店舗を活用したマルシェを開き、商店街の活性化に取り組んでいる。'],
    ['こども将棋教室', '子どもたちに将棋を教え、礼儀と考える力を育てている。'],
    ['写真クラブ', '市内の風景を撮影し、年に一度写真展を開いている。'],
  ]
  for (const [name, purpose] of list)
    await addGroup(`${name}（${tag}）`, { fields: ['culture_sports'], purpose })
}

test('pure: reasons are whole words, one word once, distinctive first; the score is 0–100 with bands', () => {
  const m = (word: string, label = word): Match => ({ word, kind: 'exact', label })
  const words = checkableWords([
    m('包括'),
    m('地域包括'),
    m('地域包括支援センター'),
    m('包括支援'),
    m('会'),
    m('高齢者', '高齢者 ≈ お年寄り'),
  ])
  assert.deepEqual(
    words.map((w) => w.label),
    ['地域包括支援センター', '高齢者 ≈ お年寄り'],
  )
  const lists = distinctiveFirst([
    [m('高齢者'), m('見守り')],
    [m('高齢者'), m('配食')],
    [m('高齢者'), m('移動支援')],
  ])
  assert.deepEqual(
    lists.map((l) => l[0].word),
    ['見守り', '配食', '移動支援'],
  )
  assert.deepEqual(toScale([2, 1.5, 0.5]), [100, 75, 25])
  assert.equal(bandOf(100), 'high')
  assert.equal(bandOf(55), 'medium')
  assert.equal(bandOf(12), 'low')
})

test('need in everyday words finds a group described in administrative words in the top 5 among distractors', async () => {
  await distractors('A')
  const target = await addGroup('地域包括ケア推進ネットワーク', {
    fields: ['health_welfare'],
    purpose:
      '独居高齢者の安否確認及び見守り活動を実施している。異変を把握した際は地域包括支援センター及び民生委員に連絡する体制を整備している。',
  })
  const { c, id } = await postNeed({
    title: 'ひとりで暮らすお年寄りの異変に早く気づきたい',
    situation: '近所付き合いが減り、自宅で倒れても何日も発見されない例が続いている。',
    goal: '誰かが定期的に訪ねたり連絡したりして、困ったときにすぐ助けが届く状態にしたい。',
  })
  const r = await c.get(`/api/v1/needs/${id}/matches`, { accept: 'application/json' })
  assert.equal(r.status, 200)
  const body = (await r.json()) as Listing
  const ids = body.items.map((x) => x.groupId)
  assert.ok(ids.slice(0, 5).includes(target), body.items.map((x) => `${x.groupName} ${x.score}`).join(' / '))
  const hit = body.items.find((x) => x.groupId === target)!
  assert.ok(
    hit.words.some((w) => w.includes('≈')),
    `a synonym is shown as 「A ≈ B」: ${hit.words.join('、')}`,
  )
  assert.ok(hit.snippet && hit.snippet.spans.length > 0, 'the group’s own sentence, with the words located')
})

test('group in everyday words finds a need written in administrative words (reverse) in the top 5', async () => {
  const g = await addGroup('ご近所みまもり隊', {
    fields: ['health_welfare'],
    purpose: 'ひとりで暮らすお年寄りのお宅を訪ねたり、電話をかけたりして、元気かどうか様子を確かめている。',
  })
  await postNeed({
    title: '市民農園の利用者を増やしたい',
    situation: '区画の空きが目立つ。',
    goal: '農園がにぎわう。',
    fields: ['environment'],
  })
  const { id } = await postNeed({
    title: '独居高齢者の安否確認体制の構築',
    situation: '独居高齢者の孤立死が発生しており、民生委員による見守りだけでは対応が困難である。',
    goal: '定期的な訪問及び電話連絡による安否確認の仕組みを地域に整備する。',
  })
  const co = await t.as('coordinator@demo.example')
  const rev = (await (
    await co.get(`/api/v1/groups/${g}/matches`, { accept: 'application/json' })
  ).json()) as {
    scale: typeof SCALE
    items: { needId: string; title: string; score: number }[]
  }
  assert.ok(
    rev.items.slice(0, 5).some((x) => x.needId === id),
    rev.items.map((x) => `${x.title} ${x.score}`).join(' / '),
  )
  assert.equal(rev.scale.max, 100)
})

test('a group with 協働希望 and every bonus but unrelated text never outranks a relevant group without them', async () => {
  const plain = await addGroup('認知症カフェ・あおぞら', {
    fields: ['community'],
    purpose: 'もの忘れのある人と家族が、専門職や地域の人とお茶を飲みながら話せるカフェを月に二回開いている。',
    wantsCollaboration: false,
    disclosureLevel: 0,
  })
  const flashy = await addGroup('市民ダンス愛好会', {
    fields: ['health_welfare'],
    purpose: 'ダンスの練習と発表会を行っている。',
    trackRecord: '市の事業に多数協力。',
    wantsCollaboration: true,
    disclosureLevel: 5,
    citywide: true,
  })
  const { c, id } = await postNeed({
    title: '認知症の本人と家族が気軽に話せる場をつくりたい',
    situation: '診断を受けた後、本人も家族も誰にも相談できず抱え込んでしまう。',
    goal: '本人と家族が地域の人や専門職と話せる場が身近にある。',
    fields: ['health_welfare'],
  })
  const body = (await (
    await c.get(`/api/v1/needs/${id}/matches?limit=50`, { accept: 'application/json' })
  ).json()) as Listing
  const ids = body.items.map((x) => x.groupId)
  assert.ok(ids.includes(plain), 'the relevant group is suggested')
  assert.ok(!ids.includes(flashy) || ids.indexOf(flashy) > ids.indexOf(plain), ids.join(','))
})

test('reasons: whole words only, no overlapping pieces; score 0–100, the best labelled; names link to profiles', async () => {
  const g = await addGroup('桜町ささえあいの会', {
    fields: ['health_welfare'],
    purpose: '地域包括支援センターと連携し、一人暮らしの高齢者の見守りと安否確認を行っている。',
  })
  const { c, id } = await postNeed({
    title: '地域包括と包括支援の場で、お年寄りを見守る会をつくりたい',
    situation: '包括の職員だけでは一人暮らしの高齢者の見守りが追いつかない。',
    goal: '地域で見守る仕組みがある状態',
  })
  const body = (await (
    await c.get(`/api/v1/needs/${id}/matches`, { accept: 'application/json' })
  ).json()) as Listing
  assert.ok(body.items.length > 0)
  assert.equal(body.scale.min, 0)
  assert.equal(body.scale.max, 100)
  assert.equal(body.items[0].score, 100)
  assert.equal(body.items[0].band, 'high')
  for (const x of body.items) {
    assert.ok(x.score >= 0 && x.score <= 100, String(x.score))
    assert.equal(x.band, bandOf(x.score))
    const words = x.words.flatMap((w) => w.split(' ≈ '))
    for (const w of words) assert.ok([...w].length >= 2, `no single characters: ${x.words.join('、')}`)
    const own = x.words.map((w) => w.split(' ≈ ')[0])
    for (const w of own)
      assert.ok(!own.some((o) => o !== w && o.includes(w)), `no overlapping pieces: ${own.join('、')}`)
  }
  const hit = body.items.find((x) => x.groupId === g)!
  assert.ok(hit, 'the group is suggested')
  assert.ok(hit.words.includes('地域包括支援センター'), hit.words.join('、'))
  assert.ok(
    !hit.words.some((w) => w === '包括' || w === '地域包括' || w === '包括支援'),
    hit.words.join('、'),
  )
  const page = await (await c.get(`/needs/${id}/matches`)).text()
  assert.match(page, /適合度：100＝この課題の言葉と最もよく一致/)
  assert.match(page, /高（70以上）・中（40〜69）・低/)
  assert.match(page, new RegExp(`<a href="/groups/${g}">桜町ささえあいの会</a>`))
  assert.match(page, /<mark>地域包括支援センター<\/mark>/)
  assert.doesNotMatch(page, /【/)
  assert.match(page, /（適合度 100・高）/)
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
    top.reasons.some((x) => x.startsWith('一致した言葉：') && /高齢者|安否確認|見守り/.test(x)),
    top.reasons.join(' / '),
  )
  assert.ok(
    top.reasons.some((x) => x.startsWith('実績：')),
    top.reasons.join(' / '),
  )
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
  const [proj] = await t.database.db.select(projectColumns).from(projects).where(eq(projects.pairingId, p1))
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

test('the start-up warm-up builds every city’s matching index (the feature declares it; a city ctx of db, id and settings suffices)', async () => {
  const { matchingFeature } = await import('./feature.ts')
  const { matchingIndexBuilt, resetMatchingIndexes, warmMatchingIndexes } = await import('./suggest.ts')
  const { buildsRunning } = await import('../../core/search/city-index.ts')
  assert.equal(matchingFeature.warm, warmMatchingIndexes, 'server.ts warms what the manifest declares')
  resetMatchingIndexes()
  const cities = (await t.database.db.select({ id: municipalities.id }).from(municipalities)).map((m) => m.id)
  assert.ok(cities.length >= 1)
  for (const id of cities) assert.equal(matchingIndexBuilt(id), false, 'nothing is built after a reset')
  await warmMatchingIndexes(t.database.db)
  for (const id of cities) assert.equal(matchingIndexBuilt(id), true, 'the warm-up built every city’s index')
  assert.equal(buildsRunning(), 0)
})
