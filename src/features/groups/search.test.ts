import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { groups } from './schema.ts'

/**
 * The directory's ranked search (search-index.ts over core/japanese/rank.ts) through the JSON
 * API, on the small demo city plus a few groups inserted here.
 */
let t: TestApp
before(async () => {
  t = await createTestApp()
  const base = {
    municipalityId: t.municipalityId,
    actorKind: 'civic',
    legalForm: 'voluntary',
    status: 'published',
  }
  await t.database.db.insert(groups).values([
    {
      ...base,
      name: '吉祥寺ほほえみ合唱団',
      nameKana: 'キチジョウジホホエミガッショウダン',
      purpose: '地域の高齢者施設を訪ねて歌を届けます。',
      fields: ['culture_sports'],
    },
    // no furigana stored: the reading comes from the analyser
    {
      ...base,
      name: '武蔵野防災ボランティア会',
      purpose: '避難所の運営訓練を手伝います。',
      fields: ['disaster'],
    },
    { ...base, name: '境南子供食堂', purpose: '子どもたちに温かい夕食を。', fields: ['children'] },
    { ...base, name: '桜堤こども食堂', purpose: '毎月第2土曜日に開く食堂です。', fields: ['children'] },
    { ...base, name: '中町子ども食堂の会', purpose: '多世代の食事会。', fields: ['children', 'community'] },
  ])
})
after(async () => t.close())

async function search(q: string, extra = '') {
  const r = await t
    .client()
    .get(`/api/v1/groups?q=${encodeURIComponent(q)}${extra}`, { accept: 'application/json' })
  assert.equal(r.status, 200)
  return (await r.json()) as {
    items: { id: string; name: string; fields: string[]; actorKind: string }[]
    total: number
    page: number
    facets?: { field: Record<string, number>; kind: Record<string, number>; wants: number }
  }
}
const top10 = async (q: string) => (await search(q, '&per_page=10')).items.map((i) => i.name)

test('a name with one character changed, missing or extra finds the group', async () => {
  const want = '吉祥寺ほほえみ合唱団'
  for (const q of ['吉祥寺ほほえみ合奏団', '吉祥寺ほほえ合唱団', '吉祥寺ほほえみの合唱団']) {
    const names = await top10(q)
    assert.ok(names.includes(want), `${q} → ${names.join('、')}`)
  }
})

test('an inner 4-character piece of a name finds the group', async () => {
  const names = await top10('えみ合唱')
  assert.ok(names.includes('吉祥寺ほほえみ合唱団'), names.join('、'))
})

test('子ども食堂, こども食堂 and 子供食堂 give the same results', async () => {
  const sets = await Promise.all(
    ['子ども食堂', 'こども食堂', '子供食堂'].map(async (q) =>
      (await search(q, '&per_page=100')).items.map((i) => i.name).sort(),
    ),
  )
  assert.ok(sets[0].length >= 3, sets[0].join('、'))
  for (const n of ['境南子供食堂', '桜堤こども食堂', '中町子ども食堂の会']) assert.ok(sets[0].includes(n), n)
  assert.deepEqual(sets[1], sets[0])
  assert.deepEqual(sets[2], sets[0])
})

test('a hiragana reading finds a kanji name with no furigana stored', async () => {
  const names = await top10('むさしのぼうさい')
  assert.ok(names.includes('武蔵野防災ボランティア会'), names.join('、'))
})

test('facets and paging are right with a query', async () => {
  const all = await search('食堂', '&facets=true&per_page=100')
  assert.ok(all.total >= 3)
  assert.equal(all.items.length, all.total)
  // facet counts are over the same matches
  const kinds = Object.values(all.facets!.kind).reduce((a, b) => a + b, 0)
  assert.equal(kinds, all.total)
  const children = all.items.filter((i) => i.fields.includes('children')).length
  assert.equal(all.facets!.field.children, children)
  const filtered = await search('食堂', '&field=community&per_page=100')
  assert.equal(filtered.total, all.facets!.field.community)
  assert.ok(filtered.items.every((i) => i.fields.includes('community')))
  // pages follow the rank order without overlap
  const p1 = await search('食堂', '&per_page=2&page=1')
  const p2 = await search('食堂', '&per_page=2&page=2')
  assert.equal(p2.page, 2)
  assert.deepEqual(
    [...p1.items, ...p2.items].map((i) => i.id),
    all.items.slice(0, 4).map((i) => i.id),
  )
})

test('an edit shows up in the next search', async () => {
  assert.equal((await search('ぜったいにないなまえ会')).total, 0)
  await t.database.db.insert(groups).values({
    municipalityId: t.municipalityId,
    actorKind: 'civic',
    legalForm: 'voluntary',
    status: 'published',
    name: '絶対にない名前会',
  })
  const names = await top10('絶対にない名前会')
  assert.equal(names[0], '絶対にない名前会')
})

test('the change stamp moves when a change of groups commits, not before, and a rolled-back one leaves it', async () => {
  const { changeStamp } = await import('../../core/db/stamp.ts')
  const { sql } = await import('drizzle-orm')
  const db = t.database.db
  const s0 = await changeStamp(db)
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`UPDATE groups SET purpose = purpose || '。' WHERE name = '境南子供食堂'`)
      // deferred to the commit: a search meanwhile must not take the uncommitted row as the version
      assert.equal(await changeStamp(tx as unknown as typeof db), s0, 'the stamp waits for the commit')
      throw new Error('rollback')
    })
    .catch((e: Error) => assert.equal(e.message, 'rollback'))
  assert.equal(await changeStamp(db), s0, 'a rolled-back change leaves the stamp')
  // asked before the edit: the answer is kept (searchGroups) and must not outlive the edit
  assert.equal((await search('ボードゲーム')).total, 0)
  await db.execute(
    sql`UPDATE groups SET purpose = 'ボードゲームで遊ぶ夕べの会です。', updated_at = now() WHERE name = '中町子ども食堂の会'`,
  )
  assert.notEqual(await changeStamp(db), s0, 'a committed change moves it')
  // and the directory, which reuses its version and its answers while the stamp stands still, sees the edit at once
  const r = await search('ボードゲーム')
  assert.equal(r.items[0]?.name, '中町子ども食堂の会')
})

test('a query finding more groups than are ranked says so: 1,000件以上, capped in the API (and each word must be found)', async () => {
  const base = {
    municipalityId: t.municipalityId,
    actorKind: 'civic',
    legalForm: 'voluntary',
    status: 'published',
  }
  await t.database.db.insert(groups).values(
    Array.from({ length: 1005 }, (_, i) => ({
      ...base,
      name: `河川敷クリーン隊第${i + 1}班`,
      purpose: i % 2 ? '河川敷のごみ拾いを続けています。' : '河川敷で野鳥を観察しています。',
      fields: ['environment'],
    })),
  )
  const r = (await search('河川敷')) as Awaited<ReturnType<typeof search>> & { capped?: boolean }
  assert.equal(r.capped, true)
  assert.equal(r.total, 1000)
  // both words: only the 502 groups that pick up litter (fewer than the cap: the exact count)
  const both = (await search('河川敷 ごみ拾い')) as Awaited<ReturnType<typeof search>> & { capped?: boolean }
  assert.equal(both.total, 502)
  assert.equal(both.capped, undefined)
  const page = await t.client().get(`/groups?q=${encodeURIComponent('河川敷')}`)
  const html = await page.text()
  assert.match(html, /1,000\s*件以上の団体が見つかりました。関連の高い1,000件を表示しています/)
})
