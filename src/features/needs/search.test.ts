import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { offers } from '../offers/schema.ts'

/**
 * Needs and offers search with the ranked engine: hiragana finds kanji (みまもり → 見守り,
 * ぼうさい → 防災), spelling variants agree (こども食堂 ≡ 子ども食堂), on the small demo city.
 */
let t: TestApp
before(async () => {
  t = await createTestApp()
  const [g] = await rows<{ id: string }>(
    t.database.db,
    sql`SELECT id FROM groups WHERE municipality_id = ${t.municipalityId} AND status = 'published' LIMIT 1`,
  )
  await t.database.db.insert(offers).values({
    municipalityId: t.municipalityId,
    groupId: g.id,
    title: '防災訓練の運営を手伝います',
    body: '避難所運営訓練で、受付や炊き出しを担当できます。',
    status: 'published',
  })
})
after(async () => t.close())

async function needTitles(q: string) {
  const r = await t.client().get(`/api/v1/needs?q=${encodeURIComponent(q)}`, { accept: 'application/json' })
  assert.equal(r.status, 200)
  const j = (await r.json()) as { total: number; items: { title: string }[] }
  return j.items.map((i) => i.title)
}

test('needs: みまもり, ぼうさい and こども食堂 find 見守り, 防災 and 子ども食堂', async () => {
  const m = await needTitles('みまもり')
  assert.ok(
    m.some((x) => x.includes('見守り')),
    `みまもり → ${m.join('、')}`,
  )
  const b = await needTitles('ぼうさい')
  assert.ok(
    b.some((x) => x.includes('避難所')),
    `ぼうさい → ${b.join('、')}`,
  )
  const k = await needTitles('こども食堂')
  assert.ok(
    k.some((x) => x.includes('子ども食堂')),
    `こども食堂 → ${k.join('、')}`,
  )
  assert.deepEqual([...(await needTitles('子ども食堂'))].sort(), [...k].sort())
})

test('needs: the best match comes first and a word found nowhere finds nothing', async () => {
  const m = await needTitles('見守り')
  assert.ok(m[0]?.includes('見守り'), m.join('、'))
  assert.deepEqual(await needTitles('ぜったいにないことば'), [])
})

test('offers: ぼうさい finds an offer about 防災', async () => {
  const r = await t.client().get(`/offers?q=${encodeURIComponent('ぼうさい')}`)
  assert.equal(r.status, 200)
  const html = await r.text()
  assert.ok(html.includes('防災訓練の運営を手伝います'))
})
