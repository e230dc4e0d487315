import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from './core/db/index.ts'
import { createTestApp, type TestApp } from './testing/harness.ts'

/** #11.10: sign-up, password reset and the other mail-sending forms are limited by address and by IP. */

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const mailsTo = async (to: string) =>
  Number(
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM outbox WHERE lower("to") = ${to}`,
      )
    )[0].n,
  )

const signUp = async (email: string, ip: string) => {
  const c = t.client()
  await c.get('/signup', { 'x-real-ip': ip })
  const p = new URLSearchParams({
    _csrf: c.csrf,
    email,
    familyName: '山田',
    givenName: '花子',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'ハナコ',
    password: 'a long pass phrase',
    passwordConfirm: 'a long pass phrase',
    agree: 'on',
  })
  return c.request('POST', '/signup', {
    body: p.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': ip },
  })
}

test('25 sign-ups for one address send it one mail, and are refused with 429 past the limit', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 25; i++)
    statuses.push((await signUp('victim@example.jp', `198.51.100.${i + 1}`)).status)
  assert.equal(await mailsTo('victim@example.jp'), 1, 'at most one mail per address per 10 minutes')
  assert.equal(statuses[0], 200)
  assert.equal(statuses[1], 200, 'the second answer says the same thing (no enumeration)')
  assert.ok(statuses.includes(429), `refused past the limit: ${statuses.join(',')}`)
  assert.ok(statuses.filter((s) => s === 200).length <= 5)
})

test('sign-ups from one client address are refused with 429 and a Japanese message', async () => {
  let last: Response | null = null
  let n = 0
  for (let i = 0; i < 40; i++) {
    last = await signUp(`someone${i}@example.jp`, '203.0.113.7')
    if (last.status === 429) break
    n++
  }
  assert.equal(last?.status, 429)
  assert.ok(n <= 20, `accepted ${n}`)
  assert.match(await last!.text(), /しばらく/)
})

test('password reset is limited by address (whatever the client address)', async () => {
  // the demo city has already mailed the coordinator (e.g. the open survey): count only what this test sends
  const before = await mailsTo('coordinator@demo.example')
  const statuses: number[] = []
  for (let i = 0; i < 12; i++) {
    const c = t.client()
    await c.get('/password/forgot', { 'x-real-ip': `192.0.2.${i + 1}` })
    const res = await c.request('POST', '/password/forgot', {
      body: new URLSearchParams({ _csrf: c.csrf, email: 'coordinator@demo.example' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': `192.0.2.${i + 1}` },
    })
    statuses.push(res.status)
  }
  assert.ok(statuses.includes(429), statuses.join(','))
  assert.ok((await mailsTo('coordinator@demo.example')) - before <= 5)
})
