import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { DEMO_PASSWORD } from '../../demo/index.ts'
import { loadFixtures } from '../../testing/access.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const tokenIn = async (to: string) => {
  const [m] = await rows<{ body: string }>(
    t.database.db,
    sql`SELECT body FROM outbox WHERE "to" = ${to} ORDER BY created_at DESC LIMIT 1`,
  )
  return m.body.match(/accept\?token=([\w-]+)/)![1]
}

test('a new address invited as department staff creates an account and joins the department', async () => {
  const fx = await loadFixtures(t.database.db, t.municipalityId)
  const admin = await t.as('admin@demo.example')
  await admin.get('/admin/invitations')
  const sent = await admin.post('/admin/invitations', {
    email: 'new-staff@city.example',
    role: 'staff',
    departmentId: fx.otherDepartmentId,
  })
  assert.equal(sent.status, 303)
  const token = await tokenIn('new-staff@city.example')
  const c = t.client()
  const page = await c.get(`/invitations/accept?token=${token}`)
  assert.match(await page.text(), /道路課の担当課職員として招待されています/)
  const bad = await c.post('/invitations/accept', {
    token,
    familyName: '',
    givenName: '新',
    familyNameKana: 'しん',
    givenNameKana: 'x',
    password: 'short',
  })
  assert.equal(bad.status, 422)
  const badHtml = await bad.text()
  assert.match(badHtml, /姓を入力してください/)
  assert.match(badHtml, /value="新"/) // what was typed is kept
  const ok = await c.post('/invitations/accept', {
    token,
    familyName: '新井',
    givenName: '新',
    familyNameKana: 'あらい',
    givenNameKana: 'しん',
    password: 'road department 2026',
    passwordConfirm: 'road department 2026',
  })
  assert.equal(ok.status, 303)
  const me = await (await c.get('/api/v1/me')).json()
  assert.deepEqual(me.departmentIds, [fx.otherDepartmentId])
  assert.deepEqual(me.roles, ['staff'])
  // one use only
  assert.equal((await t.client().get(`/invitations/accept?token=${token}`)).status, 400)
  const audit = await rows(t.database.db, sql`SELECT 1 FROM audit_log WHERE action = 'invitation.accept'`)
  assert.equal(audit.length, 1)
})

test('an existing account must sign in as the invited address before accepting', async () => {
  const admin = await t.as('admin@demo.example')
  await admin.get('/admin/invitations')
  await admin.post('/admin/invitations', { email: 'reviewer@demo.example', role: 'coordinator' })
  const token = await tokenIn('reviewer@demo.example')
  const someoneElse = await t.as('staff@demo.example')
  const page = await (await someoneElse.get(`/invitations/accept?token=${token}`)).text()
  assert.match(page, /reviewer@demo.example でログイン/)
  assert.equal((await someoneElse.post('/invitations/accept', { token })).status, 403)
  const r = t.client()
  await r.login('reviewer@demo.example', DEMO_PASSWORD)
  await r.get(`/invitations/accept?token=${token}`)
  assert.equal((await r.post('/invitations/accept', { token })).status, 303)
  const me = await (await r.get('/api/v1/me')).json()
  assert.ok(me.roles.includes('coordinator'))
})
