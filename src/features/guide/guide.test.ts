import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { COLLAB_FORMS } from '../../core/vocabulary.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { CHECKLISTS, FORMS, PRINCIPLES } from './content.ts'

// The layout needs a city: the small demo city.
let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const text = (html: string) => html.replace(/<[^>]+>/g, '')

describe('協働のてびき', () => {
  test('content: every collaboration form of the shared vocabulary is described, in the same order', () => {
    assert.deepEqual(
      FORMS.map((f) => f.code),
      COLLAB_FORMS.map((f) => f.code),
    )
    for (const f of FORMS) {
      assert.equal(f.label, COLLAB_FORMS.find((x) => x.code === f.code)!.label)
      assert.ok(f.what.length > 0, `${f.code} says what it is`)
      assert.ok(f.sources.length > 0, `${f.code} names its source`)
      const points =
        (f.points.group?.length ?? 0) + (f.points.city?.length ?? 0) + (f.points.common?.length ?? 0)
      assert.ok(points > 0 || f.note, `${f.code} has points to mind or says where to look`)
    }
    assert.equal(PRINCIPLES.length, 5)
  })

  for (const path of ['/guide', '/guide/principles', '/guide/forms', '/guide/process', '/guide/checklists']) {
    test(`${path} renders for a visitor, with one h1, the guide marked current and the source cited`, async () => {
      const res = await t.client().get(path)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1)
      assert.match(html, /<a href="\/guide" aria-current="page">協働のてびき<\/a>/)
      assert.match(html, /<h2 id="guide-sources-title">出典<\/h2>/)
      assert.match(html, /協働のためのルールブック|ヒアリング調査に基づく/)
    })
  }

  test('/guide links every page of the guide', async () => {
    const html = await (await t.client().get('/guide')).text()
    for (const p of ['/guide/principles', '/guide/forms', '/guide/process', '/guide/checklists'])
      assert.match(html, new RegExp(`href="${p}"`))
  })

  test('/guide/principles has the five principles in the rulebook wording', async () => {
    const html = text(await (await t.client().get('/guide/principles')).text())
    for (const p of [
      '補完性の原則',
      '相互理解の原則',
      '目的・目標共有の原則',
      '対等性の原則',
      '公開性の原則',
    ])
      assert.ok(html.includes(p), p)
    assert.ok(html.includes('対等なパートナーという関係のもとで協働に取り組むよう心掛ける必要があります。'))
  })

  test('/guide/forms has the ten forms, each with an anchor and its points', async () => {
    const html = await (await t.client().get('/guide/forms')).text()
    for (const f of COLLAB_FORMS) {
      assert.match(html, new RegExp(`<section class="collab-form" id="${f.code}"`), f.code)
      assert.ok(text(html).includes(f.label), f.label)
    }
    assert.equal(html.match(/class="collab-form"/g)?.length, 10)
    assert.ok(text(html).includes('市民活動団体等の委託先を下請けとして扱うのではなく'))
    assert.ok(text(html).includes('【市民活動団体等】'))
    assert.ok(text(html).includes('【行政】'))
  })

  test('/guide/checklists: every list is a fieldset of checkboxes in a GET form', async () => {
    const html = await (await t.client().get('/guide/checklists')).text()
    assert.match(html, /<form method="get" action="\/guide\/checklists#result"/)
    for (const k of CHECKLISTS) {
      assert.match(html, new RegExp(`<fieldset class="fieldset checklist" id="${k.key}">`))
      for (let i = 1; i <= k.items.length; i++)
        assert.match(
          html,
          new RegExp(`<input type="checkbox" id="c-${k.key}-${i}" name="${k.key}" value="${i}"`),
        )
    }
    assert.ok(text(html).includes('手間をかけても協働で取り組む意義や効果がある'))
    assert.ok(text(html).includes('事業の進み具合を、ホームページなどで発信する'))
  })

  test('/guide/checklists works without JavaScript: the answers come back counted and kept', async () => {
    const res = await t.client().get('/guide/checklists?checked=1&consider=1&consider=2&plan=6&do=9')
    assert.equal(res.status, 200)
    const html = await res.text()
    const total = CHECKLISTS.reduce((n, k) => n + k.items.length, 0)
    assert.ok(text(html).includes(`${total}項目中 3項目にチェックがあります。`))
    assert.match(html, /id="c-consider-1" name="consider" value="1" checked=""/)
    assert.match(html, /id="c-plan-6" name="plan" value="6" checked=""/)
    assert.ok(text(html).includes('まだの項目：3、4、5、6番'))
  })

  test('/guide/process lists the steps in order with links to the self-checks', async () => {
    const html = await (await t.client().get('/guide/process')).text()
    assert.match(html, /<ol class="steps">/)
    assert.match(html, /href="\/guide\/checklists#plan"/)
    assert.ok(text(html).includes('事業が根付くまで３年ぐらいの継続的な支援が望ましい。'))
  })
})
