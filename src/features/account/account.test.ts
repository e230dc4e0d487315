import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { DEMO_PASSWORD } from '../../demo/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const lastMail = async (to: string) => {
  const r = await rows<{ body: string }>(
    t.database.db,
    sql`SELECT body FROM outbox WHERE "to" = ${to} ORDER BY created_at DESC LIMIT 1`,
  )
  return r[0]?.body ?? ''
}

describe('login and sessions', () => {
  test('every demo account can log in, and the session id changes at login', async () => {
    for (const email of [
      'admin@demo.example',
      'coordinator@demo.example',
      'staff@demo.example',
      'group@demo.example',
      'reviewer@demo.example',
    ]) {
      const c = t.client()
      await c.get('/login')
      const before = c.cookies.get('kyodo_session')
      const res = await c.post('/login', { email, password: DEMO_PASSWORD })
      assert.equal(res.status, 303, email)
      const sid = c.cookies.get('kyodo_session')
      assert.ok(sid && sid !== before)
      assert.match(res.headers.getSetCookie().join('\n'), /kyodo_session=[^;]+;.*HttpOnly/i)
      assert.match(res.headers.getSetCookie().join('\n'), /SameSite=Lax/i)
    }
  })

  test('a wrong password gives a Japanese message and keeps the e-mail typed', async () => {
    const c = t.client()
    await c.get('/login')
    const res = await c.post('/login', { email: 'staff@demo.example', password: 'wrong-password' })
    assert.equal(res.status, 401)
    const html = await res.text()
    assert.match(html, /メールアドレスまたはパスワードが正しくありません/)
    assert.match(html, /value="staff@demo.example"/)
  })

  test('repeated failures give HTTP 429 even with the right password', async () => {
    const c = t.client()
    await c.get('/login')
    for (let i = 0; i < 5; i++)
      await c.post('/login', { email: 'reviewer@demo.example', password: `bad-${i}-password` })
    const res = await c.post('/login', { email: 'reviewer@demo.example', password: DEMO_PASSWORD })
    assert.equal(res.status, 429)
    const api = await t
      .client()
      .json('POST', '/api/v1/auth/login', { email: 'reviewer@demo.example', password: DEMO_PASSWORD })
    assert.equal(api.status, 429)
  })

  test('a form without the CSRF token is refused and audited', async () => {
    const c = await t.as('staff@demo.example')
    const res = await c.post(
      '/account/profile',
      { familyName: '高橋', givenName: '誠', familyNameKana: 'タカハシ', givenNameKana: 'マコト' },
      { csrf: null },
    )
    assert.equal(res.status, 403)
    const r = await rows(t.database.db, sql`SELECT 1 FROM audit_log WHERE action = 'authz.csrf.refused'`)
    assert.ok(r.length >= 1)
  })

  test('logout ends the session on the server', async () => {
    const c = await t.as('coordinator@demo.example')
    const sid = c.cookies.get('kyodo_session')!
    const res = await c.post('/logout')
    assert.equal(res.status, 303)
    const replay = t.client()
    replay.cookies.set('kyodo_session', sid)
    const page = await replay.get('/account')
    assert.equal(page.status, 302) // back to login: the old cookie is worthless
    assert.match(page.headers.get('location') ?? '', /^\/login/)
  })

  test('idle sessions time out', async () => {
    const c = await t.as('admin@demo.example')
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '3 hours'`)
    const res = await c.get('/account')
    assert.equal(res.status, 302)
  })
})

describe('sign-up, verification, password reset', () => {
  test('sign-up validates every field in Japanese and keeps what was typed', async () => {
    const c = t.client()
    await c.get('/signup')
    const res = await c.post('/signup', {
      email: 'not-an-email',
      familyName: '山田',
      givenName: '',
      familyNameKana: '山田',
      givenNameKana: 'はなこ',
      password: 'password',
      passwordConfirm: 'x',
    })
    assert.equal(res.status, 422)
    const html = await res.text()
    assert.match(html, /メールアドレスの形式が正しくありません/)
    assert.match(html, /名を入力してください/)
    assert.match(html, /セイはカタカナ/)
    assert.match(html, /推測されやすい/)
    assert.match(html, /個人情報の取り扱いへの同意/)
    assert.match(html, /aria-invalid="true"/)
    assert.match(html, /value="山田"/)
    assert.match(html, /value="はなこ"/)
  })

  test('sign-up → mail → verify → login', async () => {
    const c = t.client()
    await c.get('/signup')
    const res = await c.post('/signup', {
      email: 'Newcomer@Example.JP',
      familyName: '山田',
      givenName: '花子',
      familyNameKana: 'やまだ',
      givenNameKana: 'ハナコ',
      password: 'a long pass phrase',
      passwordConfirm: 'a long pass phrase',
      agree: 'on',
    })
    assert.equal(res.status, 200)
    // not verified yet
    const early = await t
      .client()
      .json('POST', '/api/v1/auth/login', { email: 'newcomer@example.jp', password: 'a long pass phrase' })
    assert.equal(early.status, 401)
    const body = await lastMail('newcomer@example.jp')
    const token = body.match(/verify\?token=([\w-]+)/)![1]
    const v = await t.client().get(`/verify?token=${token}`)
    assert.equal(v.status, 200)
    const login = await t
      .client()
      .json('POST', '/api/v1/auth/login', { email: 'newcomer@example.jp', password: 'a long pass phrase' })
    assert.equal(login.status, 200)
    const users = await rows<{ family_name_kana: string }>(
      t.database.db,
      sql`SELECT family_name_kana FROM users WHERE email = 'newcomer@example.jp'`,
    )
    assert.equal(users[0].family_name_kana, 'ヤマダ')
  })

  test('password reset sends a link, sets the new password and ends old sessions', async () => {
    const old = await t.as('group@demo.example')
    const c = t.client()
    await c.get('/password/forgot')
    await c.post('/password/forgot', { email: 'group@demo.example' })
    const token = (await lastMail('group@demo.example')).match(/reset\?token=([\w-]+)/)![1]
    await c.get(`/password/reset?token=${token}`)
    const res = await c.post('/password/reset', {
      token,
      password: 'new group password',
      passwordConfirm: 'new group password',
    })
    assert.equal(res.status, 303)
    assert.equal((await old.get('/account')).status, 302)
    const again = await c.post('/password/reset', {
      token,
      password: 'another password!',
      passwordConfirm: 'another password!',
    })
    assert.equal(again.status, 400) // one use only
    await t.client().login('group@demo.example', 'new group password')
  })
})

describe('JSON API authentication', () => {
  test('POST /api/v1/auth/login answers a cookie and a CSRF token; writes need the header', async () => {
    const c = t.client()
    const res = await c.json('POST', '/api/v1/auth/login', {
      email: 'coordinator@demo.example',
      password: DEMO_PASSWORD,
    })
    assert.equal(res.status, 200)
    const body = await res.json()
    assert.ok(body.csrfToken.length > 20)
    assert.ok(c.cookies.get('kyodo_session'))
    const me = await c.get('/api/v1/me')
    assert.equal(me.status, 200)
    assert.deepEqual((await me.json()).roles, ['staff', 'coordinator'])
    const noHeader = await c.request('POST', '/api/v1/tokens', {
      body: JSON.stringify({ name: 'x' }),
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(noHeader.status, 403)
    c.csrf = body.csrfToken
    const created = await c.json('POST', '/api/v1/tokens', { name: '集計スクリプト' })
    assert.equal(created.status, 201)
    const { token } = await created.json()
    const bearer = await t
      .client()
      .request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })
    assert.equal(bearer.status, 200)
    assert.equal((await bearer.json()).email, 'coordinator@demo.example')
    const bad = await t
      .client()
      .request('GET', '/api/v1/me', { headers: { authorization: 'Bearer kyd_nope' } })
    assert.equal(bad.status, 401)
  })

  test('validation errors are 422 with a list of fields in Japanese', async () => {
    const res = await t.client().json('POST', '/api/v1/auth/login', { email: 'x', password: '' })
    assert.equal(res.status, 422)
    const body = await res.json()
    assert.equal(body.error, 'validation')
    const fields = body.fields.map((f: any) => f.field)
    assert.ok(fields.includes('email') && fields.includes('password'))
    assert.match(body.fields.find((f: any) => f.field === 'email').message, /メールアドレス/)
  })

  test('group members and staff cannot create access tokens', async () => {
    for (const email of ['group@demo.example', 'staff@demo.example', 'reviewer@demo.example']) {
      const c = t.client()
      const r = await c.json('POST', '/api/v1/auth/login', {
        email,
        password: email === 'group@demo.example' ? 'new group password' : DEMO_PASSWORD,
      })
      if (r.status !== 200) continue
      c.csrf = (await r.json()).csrfToken
      assert.equal((await c.json('POST', '/api/v1/tokens', { name: 'x' })).status, 403, email)
    }
  })
})

describe('audit log', () => {
  test('rows cannot be changed or deleted', async () => {
    const appendOnly = (e: any) => /append-only/.test(`${e.message} ${e.cause?.message}`)
    await assert.rejects(t.database.db.execute(sql`UPDATE audit_log SET action = 'x'`), appendOnly)
    await assert.rejects(t.database.db.execute(sql`DELETE FROM audit_log`), appendOnly)
  })

  test('sign-in attempts are recorded without passwords', async () => {
    const r = await rows<{ changes: unknown }>(
      t.database.db,
      sql`SELECT changes FROM audit_log WHERE action LIKE 'auth.login.%'`,
    )
    assert.ok(r.length > 5)
    assert.doesNotMatch(JSON.stringify(r), /demo-password|wrong-password/)
  })
})

describe('API access tokens (web page)', () => {
  test('失効させる asks first and changes nothing; the confirmed post revokes the token', async () => {
    const c = await t.as('admin@demo.example')
    await c.get('/account/tokens')
    const made = await c.post('/account/tokens', { name: '確認用トークン' })
    assert.equal(made.status, 200)
    const token = (await made.text()).match(/<code class="token">([^<]+)<\/code>/)![1]
    const me = () =>
      t.client().request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })
    assert.equal((await me()).status, 200)
    const [row] = await rows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM api_tokens WHERE name = '確認用トークン'`,
    )
    const ask = await c.post(`/account/tokens/${row.id}/revoke`)
    assert.equal(ask.status, 200, 'a confirmation step first')
    const html = await ask.text()
    assert.match(html, /APIアクセストークン「確認用トークン」（kyd_[^）]*…）を失効させます。よろしいですか。/)
    assert.match(html, /name="confirmed" value="yes"/)
    assert.match(html, /href="\/account\/tokens"[^>]*>戻る/)
    assert.equal((await me()).status, 200, 'nothing changed yet')
    assert.equal((await c.post(`/account/tokens/${row.id}/revoke`, { confirmed: 'yes' })).status, 303)
    assert.equal((await me()).status, 401)
  })
})
