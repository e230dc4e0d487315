import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { DEMO_PASSWORD } from './demo/index.ts'
import { createTestApp, type TestApp } from './testing/harness.ts'
import { clonePglite } from './testing/templates.ts'
import { hashPassword } from './core/auth/crypto.ts'
import { acquireLock, rows } from './core/db/index.ts'
import { backup, restore } from './core/db/backup.ts'
import { citiesChanged } from './core/db/cities.ts'
import { municipalities, users } from './core/db/schema.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

describe('the shell', () => {
  test('GET /healthz reports the database kind', async () => {
    const res = await t.app.request('/healthz')
    assert.equal(res.status, 200)
    const body = await res.json()
    assert.equal(body.status, 'ok')
    assert.equal(body.database, process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite')
    assert.equal(typeof body.indexesBuilding, 'number')
  })

  test('pages are Japanese, with the city name, navigation and footer', async () => {
    const html = await (await t.app.request('/')).text()
    assert.match(html, /^<!DOCTYPE html><html lang="ja">/)
    assert.match(html, /武蔵野市/)
    for (const label of [
      '団体をさがす',
      '協働ニーズ',
      'イベント',
      '相談する',
      '協働のてびき',
      'ウェブアクセシビリティ方針',
    ])
      assert.ok(html.includes(label), label)
    assert.doesNotMatch(html, /<script/) // no page needs JavaScript
  })

  test('the 管理 menu shows only for administrators and coordinators', async () => {
    const admin = await t.as('admin@demo.example')
    assert.match(await (await admin.get('/')).text(), /href="\/admin"/)
    const group = await t.as('group@demo.example')
    assert.doesNotMatch(await (await group.get('/')).text(), /href="\/admin"/)
  })

  test('security headers are sent', async () => {
    const res = await t.app.request('/')
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /object-src 'none'/)
    assert.match(csp, /base-uri 'none'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.ok(res.headers.get('referrer-policy'))
    assert.equal(res.headers.get('strict-transport-security'), null) // only behind https
  })

  test('behind https: HSTS and __Host- cookies with Secure', async () => {
    const s = await createTestApp({ env: { KYODO_HTTPS: '1' } })
    try {
      const res = await s.app.request('/login')
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=/)
      assert.match(
        res.headers.getSetCookie().join('\n'),
        /__Host-kyodo_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
      )
    } finally {
      await s.close()
    }
  })

  test('unknown routes give a Japanese 404 page, API a JSON 404', async () => {
    const res = await t.app.request('/no/such/page')
    assert.equal(res.status, 404)
    assert.match(await res.text(), /ページが見つかりません/)
    const api = await t.app.request('/api/v1/no-such-thing')
    assert.equal(api.status, 404)
    assert.equal((await api.json()).error, 'not_found')
  })

  test('errors never show a stack trace', async () => {
    const { createApp } = await import('./app.tsx')
    const app = createApp(t.database, t.config) as unknown as Hono
    // a route that throws, mounted on a fresh copy of the app
    const probe = new Hono()
    probe.get('/boom', () => {
      throw new Error('secret internals at /srv/kyodo/src/x.ts:12')
    })
    app.route('/', probe)
    const res = await app.request('/boom')
    assert.equal(res.status, 500)
    const html = await res.text()
    assert.match(html, /システムエラーが発生しました/)
    assert.doesNotMatch(html, /secret internals|\.ts:\d+/)
  })

  test('the OpenAPI document describes the API', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json()
    assert.match(doc.openapi, /^3\./)
    assert.ok(doc.paths['/auth/login'].post)
    assert.deepEqual(doc.servers, [{ url: '/api/v1' }])
  })
})

describe('several cities in one deployment', () => {
  test('each host sees its own city; accounts of one city cannot sign in to another', async () => {
    const db = t.database.db
    const [other] = await db
      .insert(municipalities)
      .values({ code: '131016', name: '千代田区', prefecture: '東京都', host: 'chiyoda.example' })
      .returning()
    // with several cities, each is reached by its own host (an unknown host is a 404)
    await db.update(municipalities).set({ host: 'localhost' }).where(eq(municipalities.id, t.municipalityId))
    citiesChanged() // written behind the app's back: tell its city cache (core/db/cities.ts)
    await db.insert(users).values({
      municipalityId: other.id,
      email: 'admin@demo.example',
      passwordHash: await hashPassword('chiyoda-password'),
      emailVerifiedAt: new Date(),
      isAdmin: true,
    })
    const home = await t.app.request('/', { headers: { host: 'chiyoda.example' } })
    assert.match(await home.text(), /千代田区/)
    const login = (host: string, password: string) =>
      t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.example', password }),
      })
    assert.equal((await login('chiyoda.example', DEMO_PASSWORD)).status, 401)
    const ok = await login('chiyoda.example', 'chiyoda-password')
    assert.equal(ok.status, 200)
    // that session is worthless on the demo city's host
    const cookie = ok.headers.getSetCookie()[0].split(';')[0]
    const me = await t.app.request('/api/v1/me', { headers: { host: 'localhost', cookie } })
    assert.equal(me.status, 401)
    await db.delete(users).where(eq(users.municipalityId, other.id))
    await db.delete(municipalities).where(eq(municipalities.id, other.id))
    await db.update(municipalities).set({ host: null }).where(eq(municipalities.id, t.municipalityId))
    citiesChanged()
  })

  test('every table holding a city’s data has a municipality_id column', async () => {
    const r = await rows<{ table_name: string }>(
      t.database.db,
      sql`SELECT t.table_name FROM information_schema.tables t
          WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND t.table_name NOT IN ('municipalities', 'rate_limits')
            AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
                            WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'municipality_id')`,
    )
    assert.deepEqual(
      r.map((x) => x.table_name),
      [],
    )
  })
})

describe('PGlite guardrails and backup', () => {
  test('a second process cannot open the same data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-lock-'))
    const file = path.join(dir, 'kyodo.lock')
    fs.writeFileSync(file, String(process.ppid)) // a live process that is not us
    assert.throws(() => acquireLock(file), /in use by another Kyodo process/)
    fs.writeFileSync(file, '999999999') // a dead pid: the stale lock is taken over
    const release = acquireLock(file)
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid)
    release()
    assert.equal(fs.existsSync(file), false)
  })

  test('backup then restore into an empty database gives the same rows', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-bak-')), 'b.tar.gz')
    const n = (await backup(t.database, file))!.rows
    assert.ok(n > 50)
    // an empty, migrated database: a copy of the empty template (a new cluster is an initdb of 3 s)
    const fresh = await clonePglite('empty')
    try {
      const restored = await restore(fresh, file)
      assert.equal(
        restored.rows + restored.manifest.tables.find((x) => x.name === 'audit_chain_head')!.rows,
        n,
      )
      const count = async (db: any, table: string) =>
        Number(
          (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0].n,
        )
      for (const table of ['users', 'departments', 'groups', 'audit_log'])
        assert.equal(await count(fresh.db, table), await count(t.database.db, table), table)
    } finally {
      await fresh.close()
    }
  })
})
