import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { audit } from './core/audit/index.ts'
import type { AccessCase, Fixtures } from './core/access.ts'
import { rows } from './core/db/index.ts'
import { inTransaction } from './core/db/tenant.ts'
import { features } from './features/index.ts'
import { departments } from './features/organisation/schema.ts'
import { DEMO_PASSWORD } from './demo/index.ts'
import { DEMO_EMAIL, loadFixtures } from './testing/access.ts'
import { createTestApp, type TestApp, type TestClient } from './testing/harness.ts'
import { authorize } from './core/http/guard.ts'

/** #11.6: a write and its audit row commit together or not at all, for every non-GET request. */

let t: TestApp
let fx: Fixtures

before(async () => {
  t = await createTestApp()
  fx = await loadFixtures(t.database.db, t.municipalityId)
  // Test-only routes mounted on the test app: write, audit, then fail.
  const write = async (c: any, name: string) => {
    const ctx = c.get('ctx')
    await ctx.db.insert(departments).values({ municipalityId: ctx.tenantId, name, kind: 'ka' })
    await audit(ctx, { action: 'test.write', entityType: 'department', entityId: name })
  }
  t.app.post('/__test/throw', async (c) => {
    await write(c, '投げる課')
    throw new Error('boom after the write')
  })
  t.app.post('/__test/500', async (c) => {
    await write(c, '五百課')
    return c.text('failed', 500)
  })
  t.app.post('/__test/nested', async (c) => {
    await inTransaction(c.get('ctx'), async (tx) => write({ get: () => tx }, '入れ子課'))
    throw new Error('boom after a nested transaction')
  })
  t.app.post('/__test/ok', async (c) => {
    await write(c, '成功課')
    return c.text('ok')
  })
  t.app.post('/__test/denied', async (c) => {
    await authorize(c, 'audit.read')
    return c.text('unreachable')
  })
})
after(async () => t.close())

const count = async (table: string, where = sql``) =>
  Number(
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} ${where}`,
      )
    )[0].n,
  )
const depNamed = (n: string) => count('departments', sql`WHERE name = ${n}`)
const auditOf = (n: string) => count('audit_log', sql`WHERE action = 'test.write' AND entity_id = ${n}`)

async function coordinator() {
  return t.as(DEMO_EMAIL.coordinator, DEMO_PASSWORD)
}

test('a handler that throws after writing leaves nothing behind', async () => {
  const c = await coordinator()
  const res = await c.json('POST', '/__test/throw', {})
  assert.equal(res.status, 500)
  assert.equal(await depNamed('投げる課'), 0, 'the write was rolled back')
  assert.equal(await auditOf('投げる課'), 0)
})

test('a handler that answers 500 after writing leaves nothing behind', async () => {
  const c = await coordinator()
  const res = await c.json('POST', '/__test/500', {})
  assert.equal(res.status, 500)
  assert.equal(await depNamed('五百課'), 0)
})

test('a nested inTransaction joins the request transaction and rolls back with it', async () => {
  const c = await coordinator()
  const res = await c.json('POST', '/__test/nested', {})
  assert.equal(res.status, 500)
  assert.equal(await depNamed('入れ子課'), 0)
})

test('a successful write commits with its audit row', async () => {
  const c = await coordinator()
  const res = await c.json('POST', '/__test/ok', {})
  assert.equal(res.status, 200)
  assert.equal(await depNamed('成功課'), 1)
  assert.equal(await auditOf('成功課'), 1)
})

test('a refused authorisation is still audited although the request rolls back', async () => {
  const before = await count(
    'audit_log',
    sql`WHERE action = 'authz.denied' AND entity_id = 'POST /__test/denied'`,
  )
  const c = t.client()
  await c.get('/login')
  const res = await c.json('POST', '/__test/denied', {})
  assert.ok(res.status === 401 || res.status === 403, String(res.status))
  const n = await count('audit_log', sql`WHERE action = 'authz.denied' AND entity_id = 'POST /__test/denied'`)
  assert.equal(n, before + 1)
})

// Tables whose changes need no audit row (bookkeeping, not city data).
const UNAUDITED = new Set(['sessions', 'rate_limits', 'job_runs', 'outbox', 'notifications', 'audit_log'])

// The row count of every table, in one statement (one count query per table and per request made
// this the slowest test of the suite). The statement lives in a PL/pgSQL function of the test
// database, which plans it once (the planner took 4/5 of a plain UNION ALL of 86 counts: 24 ms
// against 5 ms per call on PGlite); the schema does not change during the test.
let counting: Promise<void> | null = null
async function tableCounts(): Promise<Map<string, number>> {
  counting ??= (async () => {
    const names = await rows<{ name: string }>(
      t.database.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
    assert.ok(names.length > 20, 'the public tables are listed')
    assert.ok(
      names.every(({ name }) => /^[a-z_][a-z0-9_]*$/.test(name)),
      'table names are plain identifiers',
    )
    const body = names
      .map(({ name }) => `SELECT '${name}'::text, count(*)::int FROM "${name}"`)
      .join(' UNION ALL ')
    await t.database.db.execute(
      sql.raw(
        `CREATE FUNCTION kyodo_test_table_counts() RETURNS TABLE(name text, n int) LANGUAGE plpgsql AS $f$ BEGIN RETURN QUERY ${body}; END $f$`,
      ),
    )
  })()
  await counting
  const m = new Map<string, number>()
  for (const r of await rows<{ name: string; n: number }>(
    t.database.db,
    sql`SELECT * FROM kyodo_test_table_counts()`,
  ))
    m.set(r.name, Number(r.n))
  return m
}

async function send(c: TestClient, k: AccessCase) {
  if (k.json !== undefined || k.path.startsWith('/api/')) return c.json(k.method, k.path, k.json ?? {})
  return c.post(k.path, k.body ?? {})
}

test('every successful write route of the access tables that changed a table added an audit row', async () => {
  const cases = features.flatMap((f) => f.access?.(fx) ?? []).filter((k) => k.method !== 'GET')
  assert.ok(cases.length > 20, 'the access tables list the write routes')
  const sessions = new Map<string, TestClient>()
  const problems: string[] = []
  for (const k of cases) {
    const roles = k.allowed === 'all' ? (['visitor'] as const) : k.allowed
    for (const role of roles) {
      let c = k.fresh ? undefined : sessions.get(role)
      if (!c) {
        c = t.client()
        if (role === 'visitor') await c.get('/login')
        else await c.login(DEMO_EMAIL[role], DEMO_PASSWORD)
        if (!k.fresh) sessions.set(role, c)
      }
      const before = await tableCounts()
      const res = await send(c, k)
      if (res.status >= 400) continue
      const afterCounts = await tableCounts()
      const changed = [...afterCounts]
        .filter(([n, v]) => !UNAUDITED.has(n) && before.get(n) !== v)
        .map(([n]) => n)
      if (changed.length && afterCounts.get('audit_log') === before.get('audit_log'))
        problems.push(`${role} ${k.method} ${k.path}: changed ${changed.join(', ')} without an audit row`)
      // a logout or a fresh session: start over next time
      if (k.fresh) sessions.delete(role)
    }
  }
  assert.deepEqual(problems, [])
})

test('a deliberate refusal (4xx AppError) keeps its bookkeeping; any other error does not', async () => {
  const { AppError } = await import('./core/errors.ts')
  const { mustRollBack } = await import('./core/http/write-tx.ts')
  assert.equal(mustRollBack(new AppError(403, 'forbidden', 'x'), 403), false)
  assert.equal(mustRollBack(new AppError(429, 'rate_limited', 'x'), 429), false)
  assert.equal(mustRollBack(new AppError(500, 'internal', 'x'), 500), true)
  assert.equal(mustRollBack(new Error('x'), 500), true)
  assert.equal(mustRollBack(undefined, 503), true)
  assert.equal(mustRollBack(undefined, 303), false)
})

test('routes a room declares as keeping their own transactions are left out (the web import runs as a job)', async () => {
  const { ownsTransactions } = await import('./core/feature.ts')
  // createTestApp installed the features
  assert.equal(ownsTransactions('POST', '/groups/import'), true)
  assert.equal(ownsTransactions('POST', '/api/v1/groups/import'), true)
  assert.equal(ownsTransactions('POST', '/api/v1/groups'), false)
  assert.equal(ownsTransactions('GET', '/groups/import'), false)
  assert.equal(ownsTransactions('POST', '/groups/new'), false)
  assert.equal(ownsTransactions('POST', '/groups/import/extra'), false)
})
