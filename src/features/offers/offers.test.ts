import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { menuItems } from './schema.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

test('協働メニュー: 掲載をやめる asks first and changes nothing; the confirmed post takes it off the list', async () => {
  const c = await t.as('coordinator@demo.example')
  const added = await c.post('/menu', {
    kind: 'consultation',
    title: '確認用のメニュー',
    description: '試験用',
  })
  assert.equal(added.status, 303, (await added.clone().text()).match(/error-summary[\s\S]*?<\/ul>/)?.[0])
  const [m] = await t.database.db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.municipalityId, t.municipalityId), eq(menuItems.title, '確認用のメニュー')))
  assert.match(await (await c.get('/menu')).text(), /確認用のメニュー/)

  const ask = await c.post(`/menu/${m.id}/remove`)
  assert.equal(ask.status, 200, 'a confirmation step first')
  const html = await ask.text()
  assert.match(html, /協働メニュー「確認用のメニュー」の掲載をやめます。よろしいですか。/)
  assert.match(html, /name="confirmed" value="yes"/)
  assert.match(html, /href="\/menu"[^>]*>戻る/)
  assert.match(await (await t.client().get('/menu')).text(), /確認用のメニュー/, 'nothing changed yet')

  assert.equal((await c.post(`/menu/${m.id}/remove`, { confirmed: 'yes' })).status, 303)
  assert.doesNotMatch(await (await t.client().get('/menu')).text(), /確認用のメニュー/)
  const [after] = await t.database.db.select().from(menuItems).where(eq(menuItems.id, m.id))
  assert.equal(after.active, false, 'kept as a record, not deleted')
})
