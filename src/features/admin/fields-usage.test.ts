import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp, type TestClient } from '../../testing/harness.ts'

let t: TestApp
let admin: TestClient
before(async () => {
  t = await createTestApp()
  admin = await t.as('admin@demo.example')
})
after(async () => t.close())

async function fieldCodes(): Promise<{ code: string; label: string }[]> {
  const [m] = await rows<{ settings: Record<string, unknown> }>(
    t.database.db,
    sql`SELECT settings FROM municipalities WHERE id = ${t.municipalityId}`,
  )
  return (m.settings.fields as { code: string; label: string }[]) ?? []
}

async function addField(label: string): Promise<string> {
  const res = await admin.post('/admin/fields', { newLabel: label })
  assert.equal(res.status, 303, `adding ${label}`)
  const f = (await fieldCodes()).find((x) => x.label === label)
  assert.ok(f, `${label} was added`)
  return f.code
}

const db = () => t.database.db

test('a field used only by a need, an offer or a follow setting cannot be removed; the message says where', async () => {
  const code = await addField('多文化共生')
  const [need] = await rows<{ id: string }>(
    db(),
    sql`SELECT id FROM needs WHERE municipality_id = ${t.municipalityId} LIMIT 1`,
  )
  const [offer] = await rows<{ id: string }>(
    db(),
    sql`SELECT id FROM offers WHERE municipality_id = ${t.municipalityId} LIMIT 1`,
  )
  const [user] = await rows<{ id: string }>(
    db(),
    sql`SELECT id FROM users WHERE municipality_id = ${t.municipalityId} LIMIT 1`,
  )
  assert.ok(need && offer && user, 'the demo city has needs, offers and users')

  await db().execute(sql`UPDATE needs SET fields = array_append(fields, ${code}) WHERE id = ${need.id}`)
  let res = await admin.post('/admin/fields', { [`remove_${code}`]: 'on' })
  assert.equal(res.status, 422, 'a field used by a need must not be removed')
  assert.match(await res.text(), /分野「多文化共生」は協働ニーズ1件で使われているため削除できません/)
  await db().execute(sql`UPDATE needs SET fields = array_remove(fields, ${code}) WHERE id = ${need.id}`)

  await db().execute(sql`UPDATE offers SET fields = array_append(fields, ${code}) WHERE id = ${offer.id}`)
  res = await admin.post('/admin/fields', { [`remove_${code}`]: 'on' })
  assert.equal(res.status, 422, 'a field used by an offer must not be removed')
  assert.match(await res.text(), /分野「多文化共生」はできること1件で使われているため削除できません/)
  await db().execute(sql`UPDATE offers SET fields = array_remove(fields, ${code}) WHERE id = ${offer.id}`)

  await db().execute(sql`DELETE FROM follow_settings WHERE user_id = ${user.id}`)
  await db().execute(
    sql`INSERT INTO follow_settings (municipality_id, user_id, fields) VALUES (${t.municipalityId}, ${user.id}, ARRAY[${code}]::text[])`,
  )
  res = await admin.post('/admin/fields', { [`remove_${code}`]: 'on' })
  assert.equal(res.status, 422, 'a field followed by someone must not be removed')
  assert.match(await res.text(), /分野「多文化共生」はフォロー設定1件で使われているため削除できません/)
  // the reset to the NPO Act's 20 fields would remove it too
  assert.equal((await admin.post('/admin/fields/reset')).status, 422)
  await db().execute(sql`DELETE FROM follow_settings WHERE user_id = ${user.id}`)

  res = await admin.post('/admin/fields', { [`remove_${code}`]: 'on' })
  assert.equal(res.status, 303, 'an unused field can be removed')
  assert.ok(!(await fieldCodes()).some((f) => f.code === code))
})

test('the message counts every place a field is used', async () => {
  const [c] = await rows<{ g: number; n: number }>(
    db(),
    sql`SELECT (SELECT count(*)::int FROM groups WHERE municipality_id = ${t.municipalityId} AND 'health_welfare' = ANY(fields)) AS g,
               (SELECT count(*)::int FROM needs WHERE municipality_id = ${t.municipalityId} AND 'health_welfare' = ANY(fields)) AS n`,
  )
  assert.ok(c.g > 0)
  if (c.n === 0) {
    await db().execute(
      sql`UPDATE needs SET fields = array_append(fields, 'health_welfare') WHERE id = (SELECT id FROM needs WHERE municipality_id = ${t.municipalityId} LIMIT 1)`,
    )
    c.n = 1
  }
  const res = await admin.post('/admin/fields', { remove_health_welfare: 'on' })
  assert.equal(res.status, 422)
  const html = await res.text()
  assert.match(
    html,
    new RegExp(
      `分野「保健・医療・福祉」は団体${c.g}件・協働ニーズ${c.n}件(・[^・「」]+?\\d+件)*で使われているため削除できません`,
    ),
  )
})

test('the code of a removed field is never issued again', async () => {
  const first = await addField('防災')
  assert.equal((await admin.post('/admin/fields', { [`remove_${first}`]: 'on' })).status, 303)
  const second = await addField('子育て支援')
  assert.notEqual(second, first, `${first} was reissued for another field`)
  // nor after a reset to the NPO Act's 20 fields
  assert.equal((await admin.post('/admin/fields/reset')).status, 303)
  const third = await addField('文化財')
  assert.ok(![first, second].includes(third), `${third} was reissued after the reset`)
  // and the numbers keep going up
  const n = (c: string) => Number(c.replace('custom_', ''))
  assert.ok(n(first) < n(second) && n(second) < n(third), `${first} < ${second} < ${third}`)
})
