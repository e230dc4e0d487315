import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { randomToken, sha256 } from './core/auth/crypto.ts'
import { CITY_CACHE_MS, cityForHost } from './core/db/cities.ts'
import { apiTokens, municipalities, sessions, users } from './core/db/schema.ts'
import { departmentMembers } from './features/organisation/schema.ts'
import {
  addToDepartment,
  createCity,
  createDepartment,
  createUser,
  TEST_PASSWORD,
} from './testing/factories.ts'
import { createBareApp, type TestClient } from './testing/harness.ts'

/**
 * The request middleware reads the session, its account and the account's memberships in one
 * query, and keeps the city in memory (core/db/cities.ts). Nothing about who is signed in may be
 * remembered between requests: each change below counts from the very next request.
 */

const make = () => createBareApp({ seed: async (d) => ({ city: await createCity(d, { code: '132039' }) }) })
let t: Awaited<ReturnType<typeof make>>
before(async () => {
  t = await make()
})
after(async () => t.close())

const city = () => t.seeded.city
const db = () => t.database.db
const d = () => t.database

async function signedIn() {
  const u = await createUser(d(), city())
  const c = await t.as(u.email, TEST_PASSWORD)
  assert.equal((await c.get('/api/v1/me', { accept: 'application/json' })).status, 200)
  return { u, c }
}

const me = (c: TestClient) => c.get('/api/v1/me', { accept: 'application/json' })

/** The page answers the login redirect, and the API a 401. */
async function assertSignedOut(c: TestClient) {
  const page = await c.get('/account')
  assert.equal(page.status, 302)
  assert.match(page.headers.get('location') ?? '', /^\/login/)
  assert.equal((await me(c)).status, 401)
}

describe('a session', () => {
  test('deleted (signed out elsewhere, revoked by an administrator): refused on the next request', async () => {
    const { u, c } = await signedIn()
    await db().delete(sessions).where(eq(sessions.userId, u.id))
    await assertSignedOut(c)
  })

  test('past its absolute time-out: refused, and its row is gone', async () => {
    const { u, c } = await signedIn()
    await db()
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, u.id))
    await assertSignedOut(c)
    assert.equal((await db().select().from(sessions).where(eq(sessions.userId, u.id))).length, 0)
  })

  test('of an account disabled since: refused on the next request', async () => {
    const { u, c } = await signedIn()
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id))
    await assertSignedOut(c)
  })

  test('memberships are read on every request: a department added or removed counts at once', async () => {
    const { u, c } = await signedIn()
    const dep = await createDepartment(d(), city())
    const departmentIds = async () => (await (await me(c)).json()).departmentIds as string[]
    assert.deepEqual(await departmentIds(), [])
    await addToDepartment(d(), city(), dep.id, u.id)
    assert.deepEqual(await departmentIds(), [dep.id])
    await db()
      .delete(departmentMembers)
      .where(and(eq(departmentMembers.userId, u.id), eq(departmentMembers.departmentId, dep.id)))
    assert.deepEqual(await departmentIds(), [])
  })
})

describe('a bearer token', () => {
  async function withToken(opts: { expiresAt?: Date } = {}) {
    const u = await createUser(d(), city())
    const token = `kyd_${randomToken()}`
    const [row] = await db()
      .insert(apiTokens)
      .values({
        municipalityId: city().id,
        userId: u.id,
        name: 'テスト',
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        expiresAt: opts.expiresAt ?? null,
      })
      .returning()
    const call = () => t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })
    return { u, row, call }
  }

  test('works, with the account and its memberships', async () => {
    const { u, call } = await withToken()
    const dep = await createDepartment(d(), city())
    await addToDepartment(d(), city(), dep.id, u.id)
    const res = await call()
    assert.equal(res.status, 200)
    const body = await res.json()
    assert.equal(body.id, u.id)
    assert.deepEqual(body.departmentIds, [dep.id])
  })

  test('revoked: refused on the next request', async () => {
    const { row, call } = await withToken()
    assert.equal((await call()).status, 200)
    await db().update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, row.id))
    assert.equal((await call()).status, 401)
  })

  test('expired: refused', async () => {
    const { call } = await withToken({ expiresAt: new Date(Date.now() - 1000) })
    assert.equal((await call()).status, 401)
  })

  test('of an account disabled since: refused on the next request', async () => {
    const { u, call } = await withToken()
    assert.equal((await call()).status, 200)
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id))
    assert.equal((await call()).status, 401)
  })
})

describe('the city cache', () => {
  test('an edit in the app is seen on the next request', async () => {
    const admin = await createUser(d(), city(), { admin: true })
    const c = await t.as(admin.email, TEST_PASSWORD)
    const name = city().name
    assert.match(await (await c.get('/')).text(), new RegExp(name))
    await c.get('/admin/municipality')
    const res = await c.post('/admin/municipality', {
      name: `${name}改`,
      nameKana: 'テストシ',
      code: city().code,
      prefecture: '東京都',
      officeName: '協働推進課',
      officePhone: '',
      officeEmail: '',
    })
    assert.equal(res.status, 303)
    assert.match(await (await c.get('/')).text(), new RegExp(`${name}改`))
  })

  test('an edit by another process (not announced here) is seen within CITY_CACHE_MS', async () => {
    const before = await cityForHost(db(), 'localhost')
    assert.ok('municipality' in before)
    const renamed = `${before.municipality.name}（別プロセス）`
    await db().update(municipalities).set({ name: renamed }).where(eq(municipalities.id, city().id))
    const soon = await cityForHost(db(), 'localhost')
    const later = await cityForHost(db(), 'localhost', Date.now() + CITY_CACHE_MS + 1)
    assert.ok('municipality' in soon && 'municipality' in later)
    assert.equal(soon.municipality.name, before.municipality.name) // kept for a few seconds
    assert.equal(later.municipality.name, renamed)
  })

  test('each request gets its own copy: a handler changing it changes nothing for the next', async () => {
    const a = await cityForHost(db(), 'localhost')
    assert.ok('municipality' in a)
    a.municipality.settings.changedByHandler = true
    a.municipality.name = 'x'
    const b = await cityForHost(db(), 'localhost')
    assert.ok('municipality' in b)
    assert.notEqual(b.municipality.name, 'x')
    assert.equal(b.municipality.settings.changedByHandler, undefined)
  })
})
