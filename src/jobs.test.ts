import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { rows } from './core/db/index.ts'
import { createTestApp, type TestApp } from './testing/harness.ts'
import { housekeeping, type Job, runDueJobs } from './core/jobs/index.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(async () => t.close())

test('a job runs once per interval per city, and a failure is recorded', async () => {
  let runs = 0
  const counting: Job = { name: 'counting', everyMinutes: 60, run: async () => `run ${++runs}` }
  const failing: Job = {
    name: 'failing',
    everyMinutes: 60,
    run: async () => {
      throw new Error('boom')
    },
  }
  const t0 = new Date('2026-11-23T00:00:00Z')
  await runDueJobs(t.database, t.config, [counting, failing], t0)
  await runDueJobs(t.database, t.config, [counting, failing], new Date(t0.getTime() + 30 * 60_000))
  assert.equal(runs, 1)
  await runDueJobs(t.database, t.config, [counting, failing], new Date(t0.getTime() + 61 * 60_000))
  assert.equal(runs, 2)
  const r = await rows<{ name: string; last_status: string; last_message: string }>(
    t.database.db,
    sql`SELECT name, last_status, last_message FROM job_runs ORDER BY name`,
  )
  assert.deepEqual(
    r.map((x) => [x.name, x.last_status, x.last_message]),
    [
      ['counting', 'ok', 'run 2'],
      ['failing', 'failed', 'boom'],
    ],
  )
})

test('housekeeping removes expired sessions', async () => {
  await t.as('staff@demo.example')
  await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute'`)
  await runDueJobs(t.database, t.config, [housekeeping])
  const r = await rows(t.database.db, sql`SELECT 1 FROM sessions`)
  assert.equal(r.length, 0)
})
