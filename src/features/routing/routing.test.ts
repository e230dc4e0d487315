import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

/**
 * Which department? Whole sentences as residents write them, in other words than the duties
 * (所掌事務) of the demo city's departments; the answer must name the department in charge.
 */
let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

async function suggest(q: string) {
  const r = await t.client().get(`/api/v1/departments/suggest?q=${encodeURIComponent(q)}`, {
    accept: 'application/json',
  })
  assert.equal(r.status, 200)
  return (await r.json()) as {
    items: { departmentId: string; name: string; score: number; confidence: string; reasons: string[] }[]
  }
}

test('a whole sentence finds the department in charge, with reasons and a 0–100 score', async () => {
  const r = await suggest('近所でひとり暮らしをしているお年寄りが心配なので、見守りの相談をしたい')
  assert.ok(r.items.length > 0, 'a sentence must not return nothing')
  const names = r.items.slice(0, 3).map((i) => i.name)
  assert.ok(names.includes('高齢者支援課'), `top 3 were ${names.join('、')}`)
  assert.equal(r.items[0].score, 100)
  assert.ok(r.items.every((i) => i.score >= 1 && i.score <= 100))
  assert.ok(r.items[0].reasons.length > 0)
  assert.ok(
    r.items[0].reasons.every((w) => w.length >= 2),
    `whole words only: ${r.items[0].reasons}`,
  )
})

test('everyday words find administrative duties', async () => {
  const cases: [string, string][] = [
    ['道路に穴があいていて自転車で通るのが危ない', '道路課'],
    ['ごみの出し方や分別がわからない', 'ごみ総合対策課'],
  ]
  for (const [q, want] of cases) {
    const names = (await suggest(q)).items.slice(0, 3).map((i) => i.name)
    assert.ok(names.includes(want), `${q} → ${names.join('、')} (want ${want})`)
  }
})

test('an empty or over-long question is handled', async () => {
  assert.deepEqual((await suggest('   ')).items, [])
  const r = await t
    .client()
    .get(`/api/v1/departments/suggest?q=${'あ'.repeat(1001)}`, { accept: 'application/json' })
  assert.equal(r.status, 422)
})

test('/departments?q=<a sentence> ranks the departments, the one in charge first, with reasons', async () => {
  const q = '近所でひとり暮らしをしているお年寄りが心配なので、見守りの相談をしたい'
  const r = await t.client().get(`/departments?q=${encodeURIComponent(q)}`)
  assert.equal(r.status, 200)
  const html = await r.text()
  const first = html.match(
    /<ol class="cards">\s*<li class="card">\s*<h3 class="card__title">\s*<a [^>]*>([^<]+)<\/a>/,
  )
  assert.equal(first?.[1], '高齢者支援課')
  assert.ok(html.includes('関連の強さ（最も近い課を100とする）'))
  assert.ok(/確からしさ：<strong>[高中低]<\/strong>/.test(html))
  assert.ok(/理由：[^<]*(高齢者|見守り|お年寄り)/.test(html), 'reasons are shown')
  // no question: the whole list, by 部
  const all = await (await t.client().get('/departments')).text()
  assert.ok(all.includes('高齢者支援課') && all.includes('道路課'))
})
