import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../testing/harness.ts'
import { applyFieldsForm } from './fields.tsx'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

test('rules: a used field cannot be removed, names must be unique and non-empty', () => {
  const cur = [
    { code: 'a', label: '福祉' },
    { code: 'b', label: '環境' },
  ]
  const a = { groups: 3, needs: 1, offers: 0, follows: 0 }
  const r = applyFieldsForm(cur, { remove_a: 'on', label_b: '' }, { a })
  assert.equal(r.ok, false)
  if (!r.ok) {
    assert.match(r.errors.remove_a, /分野「福祉」は団体3件・協働ニーズ1件で使われているため削除できません/)
    assert.match(r.errors.label_b, /名称を入力してください/)
  }
  const dup = applyFieldsForm(cur, { newLabel: '環境' }, {})
  assert.equal(dup.ok, false)
  const ok = applyFieldsForm(cur, { remove_b: 'on', newLabel: '多文化共生' }, { a }, 4)
  assert.deepEqual(ok, {
    ok: true,
    fields: [
      { code: 'a', label: '福祉' },
      { code: 'custom_5', label: '多文化共生' },
    ],
    lastIssued: 5,
  })
})

test('an administrator renames and adds a field; the directory and registration use the new list', async () => {
  const admin = await t.as('admin@demo.example')
  const page = await admin.get('/admin/fields')
  assert.equal(page.status, 200)
  const res = await admin.post('/admin/fields', {
    label_community: 'まちづくり・地域活性化',
    newLabel: '多文化共生',
  })
  assert.equal(res.status, 303)
  const dir = await (await t.client().get('/groups')).text()
  assert.match(dir, /まちづくり・地域活性化/)
  const group = await t.as('group@demo.example')
  const form = await (await group.get('/groups/new')).text()
  assert.match(form, /多文化共生/)
  assert.match(form, /まちづくり・地域活性化/)
  const used = await admin.post('/admin/fields', { remove_health_welfare: 'on' })
  assert.equal(used.status, 422) // the demo groups use 保健・医療・福祉
  assert.match(await used.text(), /分野「保健・医療・福祉」は団体\d+件.*で使われているため削除できません/)
  assert.equal((await admin.post('/admin/fields/reset')).status, 303)
  assert.doesNotMatch(await (await group.get('/groups/new')).text(), /多文化共生/)
})

test('only administrators may edit the list', async () => {
  const coord = await t.as('coordinator@demo.example')
  assert.equal((await coord.get('/admin/fields')).status, 403)
  assert.equal((await coord.post('/admin/fields', { newLabel: 'x' })).status, 403)
})
