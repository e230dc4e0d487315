import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from '../../core/db/index.ts'
import { createTestApp, type TestApp } from '../../testing/harness.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

test('an agreed project shows on its partner group’s public page', async () => {
  const r = await rows<{ title: string; group_id: string }>(
    t.database.db,
    sql`SELECT p.title, g.id AS group_id FROM projects p
        JOIN project_partners pp ON pp.municipality_id = p.municipality_id AND pp.project_id = p.id
        JOIN groups g ON g.municipality_id = pp.municipality_id AND g.id = pp.group_id
        WHERE g.status = 'published' AND NOT p.internal LIMIT 1`,
  )
  assert.ok(r.length, 'the demo has an agreed project with a published partner group')
  const html = await (await t.client().get(`/groups/${r[0].group_id}`)).text()
  assert.match(html, /市との協働事業/)
  assert.ok(html.includes(r[0].title))
})
