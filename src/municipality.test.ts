import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from './testing/harness.ts'
import { citiesChanged } from './core/db/cities.ts'
import { municipalities } from './core/db/schema.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

const get = (path: string, host?: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { ...(host === undefined ? {} : { host }), ...headers } })

test('a single-city install answers on any host', async () => {
  for (const host of [undefined, 'localhost', '192.168.0.10:3000', 'unknown.example']) {
    const res = await get('/', host)
    assert.equal(res.status, 200, `host ${host}`)
    assert.match(await res.text(), /武蔵野市/)
  }
})

test('with several cities, each known host gets its own city and an unknown host a 404', async () => {
  const db = t.database.db
  const [other] = await db
    .insert(municipalities)
    .values({ code: '131016', name: '千代田区', prefecture: '東京都', host: 'chiyoda.example' })
    .returning()
  citiesChanged() // written behind the app's back: tell its city cache (core/db/cities.ts)
  try {
    // the demo city has no host yet: an unknown host must not fall back to it
    let res = await get('/', 'unknown.example')
    assert.equal(res.status, 404, 'an unknown host falls back to the first city')

    await db
      .update(municipalities)
      .set({ host: 'musashino.example' })
      .where(eq(municipalities.id, t.municipalityId))
    citiesChanged()
    res = await get('/', 'unknown.example')
    assert.equal(res.status, 404, 'an unknown host falls back to the first city')
    const html = await res.text()
    assert.match(html, /このアドレスの自治体は見つかりません/)
    assert.doesNotMatch(html, /武蔵野市|千代田区/) // no list of cities
    const api = await get('/api/v1/me', 'unknown.example')
    assert.equal(api.status, 404)
    const body = await api.json()
    assert.match(body.message, /このアドレスの自治体は見つかりません/)
    assert.doesNotMatch(JSON.stringify(body), /武蔵野市|千代田区/)
    assert.equal((await get('/', undefined)).status, 404, 'no Host header')

    const musashino = await get('/', 'musashino.example')
    assert.equal(musashino.status, 200)
    assert.match(await musashino.text(), /武蔵野市/)
    const chiyoda = await get('/', 'Chiyoda.Example:8080')
    assert.equal(chiyoda.status, 200)
    const ch = await chiyoda.text()
    assert.match(ch, /千代田区/)
    assert.doesNotMatch(ch, /武蔵野市/)
  } finally {
    await db.delete(municipalities).where(eq(municipalities.id, other.id))
    await db.update(municipalities).set({ host: null }).where(eq(municipalities.id, t.municipalityId))
    citiesChanged()
  }
  // back to one city: any host works again
  assert.equal((await get('/', 'unknown.example')).status, 200)
})
