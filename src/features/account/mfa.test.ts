import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import * as OTPAuth from 'otpauth'
import { rows } from '../../core/db/index.ts'
import { DEMO_PASSWORD } from '../../demo/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  })

async function enableFor(email: string) {
  const c = await t.as(email)
  await c.get('/account/mfa')
  assert.equal((await c.post('/account/mfa/setup')).status, 303)
  const page = await (await c.get('/account/mfa')).text()
  assert.match(page, /<img src="data:image\/svg\+xml;base64,/)
  const secret = page.match(/キー：<code class="token">([A-Z2-7]+)<\/code>/)![1]
  const wrong = await c.post('/account/mfa/confirm', { code: '000000' })
  assert.equal(wrong.status, 422)
  const ok = await c.post('/account/mfa/confirm', { code: codeFor(secret) })
  assert.equal(ok.status, 200)
  const html = await ok.text()
  const recovery = [...html.matchAll(/<li><code>([a-z0-9x]{8})<\/code><\/li>/g)].map((m) => m[1])
  assert.equal(recovery.length, 10)
  return { secret, recovery, c }
}

test('with TOTP on, the password alone does not sign in; the code does, once', async () => {
  const { secret } = await enableFor('coordinator@demo.example')
  const c = t.client()
  await c.get('/login')
  const step1 = await c.post('/login', { email: 'coordinator@demo.example', password: DEMO_PASSWORD })
  assert.equal(step1.status, 200)
  assert.match(await step1.text(), /確認コードの入力/)
  assert.equal(c.cookies.get('kyodo_session'), undefined)
  const bad = await c.post('/login/mfa', { code: '123456' })
  assert.equal(bad.status, 401)
  // the code used when enabling cannot be replayed; the next one works
  const good = await c.post('/login/mfa', { code: codeFor(secret, 1) })
  assert.equal(good.status, 303)
  assert.ok(c.cookies.get('kyodo_session'))
  // the same code again is refused (no replay)
  const again = t.client()
  await again.get('/login')
  await again.post('/login', { email: 'coordinator@demo.example', password: DEMO_PASSWORD })
  assert.equal((await again.post('/login/mfa', { code: codeFor(secret, 1) })).status, 401)
})

test('the JSON API asks for the code too', async () => {
  const api = t.client()
  const r = await api.json('POST', '/api/v1/auth/login', {
    email: 'coordinator@demo.example',
    password: DEMO_PASSWORD,
  })
  assert.equal(r.status, 401)
  assert.equal((await r.json()).error, 'mfa_required')
})

test('password reset does not bypass the second factor; a recovery code works once', async () => {
  const { recovery } = await enableFor('admin@demo.example')
  const c = t.client()
  await c.get('/password/forgot')
  await c.post('/password/forgot', { email: 'admin@demo.example' })
  const [mail] = await rows<{ body: string }>(
    t.database.db,
    sql`SELECT body FROM outbox WHERE "to" = 'admin@demo.example' ORDER BY created_at DESC LIMIT 1`,
  )
  const token = mail.body.match(/reset\?token=([\w-]+)/)![1]
  await c.get(`/password/reset?token=${token}`)
  assert.equal(
    (
      await c.post('/password/reset', {
        token,
        password: 'reset admin pass',
        passwordConfirm: 'reset admin pass',
      })
    ).status,
    303,
  )
  const l = t.client()
  await l.get('/login')
  const step1 = await l.post('/login', { email: 'admin@demo.example', password: 'reset admin pass' })
  assert.match(await step1.text(), /確認コードの入力/)
  assert.equal((await l.post('/login/mfa', { code: recovery[0] })).status, 303)
  const l2 = t.client()
  await l2.get('/login')
  await l2.post('/login', { email: 'admin@demo.example', password: 'reset admin pass' })
  assert.equal((await l2.post('/login/mfa', { code: recovery[0] })).status, 401)
})

test('five wrong codes end the attempt', async () => {
  const c = t.client()
  await c.get('/login')
  await c.post('/login', { email: 'coordinator@demo.example', password: DEMO_PASSWORD })
  const statuses: number[] = []
  for (let i = 0; i < 6; i++) statuses.push((await c.post('/login/mfa', { code: '000000' })).status)
  // failures count per account over 15 minutes (two happened in the first test): the attempt is then ended
  assert.ok(statuses.includes(429), statuses.join(','))
  assert.equal(statuses.at(-1), 401) // the pending login is gone: start again
  assert.equal(c.cookies.get('kyodo_session'), undefined)
})

test('2段階認証をやめる: the button asks first; the confirmation page takes the password and code, comes back on a wrong one, then turns it off', async () => {
  const { secret, c } = await enableFor('reviewer@demo.example')
  const enabled = async () =>
    (
      await rows<{ on: boolean }>(
        t.database.db,
        sql`SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE email = 'reviewer@demo.example'`,
      )
    )[0].on
  const page = await (await c.get('/account/mfa')).text()
  assert.doesNotMatch(page, /name="password"/, 'the password is asked on the confirmation page, not here')

  const ask = await c.post('/account/mfa/disable')
  assert.equal(ask.status, 200, 'a confirmation step first')
  const html = await ask.text()
  assert.match(html, /2段階認証をやめます。よろしいですか。/)
  assert.match(html, /name="confirmed" value="yes"/)
  assert.match(
    html,
    /<input[^>]*name="password"[^>]*type="password"|<input[^>]*type="password"[^>]*name="password"/,
  )
  assert.match(html, /href="\/account\/mfa"[^>]*>戻る/)
  assert.equal(await enabled(), true, 'nothing changed yet')

  // the password typed is never carried into the page as a hidden field
  const wrong = await c.post('/account/mfa/disable', {
    confirmed: 'yes',
    password: DEMO_PASSWORD,
    code: '000000',
  })
  assert.equal(wrong.status, 422)
  const again = await wrong.text()
  assert.match(again, /パスワードまたは確認コードが正しくありません/)
  assert.match(again, /aria-invalid="true"/)
  assert.doesNotMatch(again, new RegExp(`value="${DEMO_PASSWORD}"`))
  assert.equal(await enabled(), true)

  const done = await c.post('/account/mfa/disable', {
    confirmed: 'yes',
    password: DEMO_PASSWORD,
    code: codeFor(secret, 1),
  })
  assert.equal(done.status, 303)
  assert.equal(await enabled(), false)
})
