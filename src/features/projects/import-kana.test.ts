import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'
import { groups } from '../groups/schema.ts'
import { matchPartner, readingKeyOf, splitReading } from './import.ts'
import { projects } from './schema.ts'
import { projectColumns } from './columns.ts'

let t: TestApp
let coord: TestClient
let mid: string

before(async () => {
  t = await createTestApp()
  mid = t.municipalityId
  coord = await t.as('coordinator@demo.example')
})
after(async () => t.close())

const gs = [
  {
    id: 'a',
    name: 'むさしの見守りネットワーク',
    nameKana: 'トクテイヒエイリカツドウホウジン ムサシノミマモリネットワーク',
  },
  { id: 'b', name: '境南子ども食堂の会', nameKana: 'キョウナンコドモショクドウノカイ' },
  { id: 'c', name: 'みどりと水の会', nameKana: '' },
]

test('a partner written in kana (hiragana, katakana, half-width) or with its reading in brackets is the group of that reading', () => {
  assert.equal(readingKeyOf('ｴﾇﾋﾟｰｵｰﾎｳｼﾞﾝ むさしの・みまもり'), 'ムサシノミマモリ')
  assert.deepEqual(splitReading('むさしの見守り（ムサシノミマモリ）'), {
    name: 'むさしの見守り',
    reading: 'ムサシノミマモリ',
  })
  assert.deepEqual(splitReading('市（北部）'), { name: '市（北部）', reading: null })
  for (const name of [
    'むさしのみまもりねっとわーく',
    'ムサシノミマモリネットワーク',
    'ﾑｻｼﾉﾐﾏﾓﾘﾈｯﾄﾜｰｸ',
    'NPO法人 むさしの みまもり ねっとわーく',
  ]) {
    const m = matchPartner(name, gs)
    assert.deepEqual([m.status, m.groupId], ['matched', 'a'], name)
  }
  // the reading given beside a name written differently
  const r = matchPartner('武蔵野見守りネットワーク', gs, { reading: 'むさしのみまもりねっとわーく' })
  assert.deepEqual([r.status, r.groupId], ['matched', 'a'])
  // a near reading is doubtful: confirmed before it is written
  const near = matchPartner('きょうなんこどもしょくどう', gs)
  assert.deepEqual([near.status, near.groupId], ['doubtful', 'b'])
  // a reading only guessed from the kanji is never trusted alone
  const guessed = matchPartner('武蔵野見守りネットワーク', gs, { guessed: 'ムサシノミマモリネットワーク' })
  assert.deepEqual([guessed.status, guessed.groupId], ['doubtful', 'a'])
  // a group without フリガナ whose name is kana
  assert.equal(matchPartner('みどりとみずのかい', gs).status, 'outside')
  assert.equal(matchPartner('コクサイコウリュウ', gs).status, 'outside')
})

test('import: a row whose 協働の相手 is the reading of a demo group gets that group without a question', async () => {
  const [g] = await t.database.db
    .select({ id: groups.id, name: groups.name, nameKana: groups.nameKana })
    .from(groups)
    .where(and(eq(groups.municipalityId, mid), eq(groups.name, 'むさしの見守りネットワーク')))
  assert.ok(g?.nameKana, 'the demo group has its reading')
  await coord.get('/projects/import')
  const fd = new FormData()
  fd.append('_csrf', coord.csrf)
  const head = '事業名,協働の形態,担当課,協働の相手,開始日,終了日,目的\r\n'
  const csv = `${head}ふれあいサロン見守り事業,事業協力,高齢者支援課,むさしのみまもりねっとわーく、武蔵野大学,2017/4/1,2018/3/31,見守り\r\n`
  fd.append('file', new Blob([`\ufeff${csv}`], { type: 'text/csv' }), 'projects.csv')
  const pre = await coord.request('POST', '/projects/import', { body: fd })
  assert.equal(pre.status, 200, await pre.clone().text())
  const html = await pre.text()
  assert.match(html, /1件の協働事業を登録します/)
  assert.ok(!html.includes('と同じですか'), 'a partner of the same reading needs no confirmation')
  const table = html
    .match(/name="table" value="([^"]+)"/)![1]
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
  const done = await coord.post('/projects/import/confirm', { table })
  assert.equal(done.status, 303, await done.clone().text())
  const [p] = await t.database.db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.municipalityId, mid), eq(projects.title, 'ふれあいサロン見守り事業')))
  assert.deepEqual(p.groupIds, [g.id])
})
