// The audit log as a hash chain (issue 11 item 8, migration 0012) and the application's own
// database role that cannot switch the append-only triggers off.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createApp } from './app.tsx'
import { audit } from './core/audit/index.ts'
import { describeChain, verifyAllAuditChains, verifyAuditChain } from './core/audit/verify.ts'
import { loadConfig } from './core/config.ts'
import { appRoleStatements, grantAppRole } from './core/db/app-role.ts'
import { migrationsFolder, openDatabase, rows } from './core/db/index.ts'
import { DEMO_PASSWORD, deleteCity } from './demo/index.ts'
import { createTestApp, TestClient, type TestApp } from './testing/harness.ts'

const ctxOf = (t: TestApp, db = t.database.db) => ({
  db,
  tenantId: t.municipalityId,
  actor: null,
  ip: '127.0.0.1',
  userAgent: 'audit-chain.test',
})

/** As the owner: switch the triggers off, run the change, switch them on again. */
async function tamper(t: TestApp, change: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`)
    await tx.execute(change)
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`)
  })
}

const middleRow = async (t: TestApp) =>
  (
    await rows<{ id: number; chain_seq: number }>(
      t.database.db,
      sql`SELECT id, chain_seq FROM audit_log WHERE municipality_id = ${t.municipalityId} ORDER BY chain_seq OFFSET 3 LIMIT 1`,
    )
  )[0]

describe('the audit chain', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp()
  })
  after(async () => t.close())

  test('the demo city loaded through the trigger forms one unbroken chain', async () => {
    const r = await verifyAuditChain(t.database.db, t.municipalityId)
    assert.ok(r.rows > 3, 'the demo wrote audit rows')
    assert.equal(r.ok, true, describeChain(r))
    assert.equal(r.head.seq, r.rows)
    assert.match(r.head.hash, /^[0-9a-f]{64}$/)
    assert.equal(describeChain(r), `監査ログの連鎖は正常です（${r.rows}件）`)
  })

  test('what a caller passes for the chain columns is overwritten', async () => {
    await t.database.db.execute(
      sql`INSERT INTO audit_log (municipality_id, actor_label, action, chain_seq, prev_hash, hash)
          VALUES (${t.municipalityId}, 'x', 'test.forged', 1, 'forged', 'forged')`,
    )
    const [row] = await rows<{ hash: string; chain_seq: number }>(
      t.database.db,
      sql`SELECT hash, chain_seq FROM audit_log WHERE action = 'test.forged'`,
    )
    assert.notEqual(row.hash, 'forged')
    assert.ok(Number(row.chain_seq) > 1)
    assert.equal((await verifyAuditChain(t.database.db, t.municipalityId)).ok, true)
  })

  test('appends from many transactions at once keep a single chain (no fork, no gap)', async () => {
    const before = await verifyAuditChain(t.database.db, t.municipalityId)
    const n = 40
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.database.db.transaction(async (tx) => {
          const c = { ...ctxOf(t), db: tx as any }
          await audit(c, { action: 'test.concurrent', entityId: String(i), changes: { i, first: true } })
          await new Promise((r) => setTimeout(r, i % 3))
          await audit(c, { action: 'test.concurrent', entityId: String(i), changes: { i, first: false } })
        }),
      ),
    )
    const r = await verifyAuditChain(t.database.db, t.municipalityId)
    assert.equal(r.ok, true, describeChain(r))
    assert.equal(r.rows, before.rows + 2 * n)
    const seqs = await rows<{ n: number; d: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS d FROM audit_log WHERE municipality_id = ${t.municipalityId}`,
    )
    assert.equal(seqs[0].n, seqs[0].d)
  })

  test('a transaction that rolls back leaves the chain as it was', async () => {
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await audit({ ...ctxOf(t), db: tx as any }, { action: 'test.rollback' })
        throw new Error('rollback')
      }),
    )
    await audit(ctxOf(t), { action: 'test.after-rollback' })
    assert.equal((await verifyAuditChain(t.database.db, t.municipalityId)).ok, true)
  })
})

describe('tampering as the owner of the table is found by verify', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp()
  })
  after(async () => t.close())

  test('a changed payload: the first broken link is that row (also on the admin audit page)', async () => {
    const admin = await t.as('admin@demo.example')
    const page = async () => (await admin.get('/admin/audit?verify=1')).text()
    assert.match(await page(), /監査ログの連鎖は正常です（[0-9]+件）/)
    assert.match(await (await admin.get('/admin/audit')).text(), /連鎖が切れていないか確かめる/)
    const row = await middleRow(t)
    await tamper(t, sql`UPDATE audit_log SET changes = '{"edited": true}' WHERE id = ${row.id}`)
    const r = await verifyAuditChain(t.database.db, t.municipalityId)
    assert.equal(r.ok, false)
    assert.equal(r.broken?.id, Number(row.id))
    assert.equal(r.broken?.reason, 'hash')
    assert.ok(r.broken?.at instanceof Date && !Number.isNaN(r.broken.at.getTime()))
    assert.match(describeChain(r), new RegExp(`監査ログの連鎖が切れています：記録ID ${row.id}（`))
    assert.match(await page(), new RegExp(`監査ログの連鎖が切れています：記録ID ${row.id}`))
    const all = await verifyAllAuditChains(t.database.db)
    assert.ok(all.some((x) => x.municipalityId === t.municipalityId && !x.ok))
  })
})

describe('more tampering', () => {
  for (const [name, pick, reason] of [
    ['a deleted row in the middle', 'middle', 'missing'],
    ['the first row deleted', 'first', 'missing'],
    ['the last row deleted', 'last', 'head'],
    ['a row rewritten with a recomputed own hash', 'rehash', 'prev_hash'],
  ] as const) {
    test(name, async () => {
      const t = await createTestApp()
      try {
        const m = await middleRow(t)
        const city = t.municipalityId
        if (pick === 'middle') await tamper(t, sql`DELETE FROM audit_log WHERE id = ${m.id}`)
        if (pick === 'first')
          await tamper(t, sql`DELETE FROM audit_log WHERE municipality_id = ${city} AND chain_seq = 1`)
        if (pick === 'last')
          await tamper(
            t,
            sql`DELETE FROM audit_log WHERE id = (SELECT id FROM audit_log WHERE municipality_id = ${city} ORDER BY chain_seq DESC LIMIT 1)`,
          )
        if (pick === 'rehash')
          // change a row and give it a hash of its own that matches its new content: the next
          // row's prev_hash still names the old one
          await tamper(
            t,
            sql`UPDATE audit_log a SET action = 'rewritten', hash = kyodo_audit_hash(a.prev_hash, ROW(a.id, a.municipality_id, a.actor_user_id, a.actor_label, 'rewritten', a.entity_type, a.entity_id, a.changes, a.ip, a.user_agent, a.at, a.chain_seq, a.prev_hash, a.hash)::audit_log) WHERE id = ${m.id}`,
          )
        const r = await verifyAuditChain(t.database.db, city)
        assert.equal(r.ok, false, name)
        assert.equal(r.broken?.reason, reason)
        if (pick === 'rehash') assert.equal(r.broken?.chainSeq, Number(m.chain_seq) + 1)
      } finally {
        await t.close()
      }
    })
  }
})

test('the migration hashes rows written before it, per city in id order', async () => {
  const t = await createTestApp()
  try {
    // make the rows look as they did before migration 0012, then run its backfill again
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`)
      await tx.execute(sql`DROP INDEX audit_log_chain_uq`)
      await tx.execute(sql`UPDATE audit_log SET chain_seq = 0, prev_hash = '', hash = ''`)
      await tx.execute(sql`DELETE FROM audit_chain_head`)
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`)
    })
    const other = '00000000-0000-4000-8000-000000000001'
    await t.database.db.execute(
      sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain`, // a row of a second city, unchained
    )
    await t.database.db.execute(
      sql`INSERT INTO audit_log (municipality_id, actor_label, action) VALUES (${other}, 'x', 'test.other')`,
    )
    const text = fs.readFileSync(path.join(migrationsFolder, '0015_audit_chain.sql'), 'utf8')
    const parts = text.split('--> statement-breakpoint').map((s) => s.trim())
    const backfill = parts.filter(
      (s) => s.includes('DISABLE TRIGGER audit_log_no_update') || s.startsWith('DO $$'),
    )
    const enable = parts.filter(
      (s) => s.includes('ENABLE TRIGGER audit_log_no_update') || s.includes('CREATE UNIQUE INDEX'),
    )
    assert.equal(backfill.length, 2)
    for (const s of [...backfill, ...enable]) await t.database.db.execute(sql.raw(s))
    await t.database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain`)
    const mine = await verifyAuditChain(t.database.db, t.municipalityId)
    assert.equal(mine.ok, true, describeChain(mine))
    assert.ok(mine.rows > 3)
    const theirs = await verifyAuditChain(t.database.db, other)
    assert.deepEqual([theirs.ok, theirs.rows, theirs.head.seq], [true, 1, 1])
    // chain order is id order after the backfill
    const order = await rows<{ ok: boolean }>(
      t.database.db,
      sql`SELECT bool_and(chain_seq = rn) AS ok FROM (SELECT chain_seq, row_number() OVER (ORDER BY id) AS rn FROM audit_log WHERE municipality_id = ${t.municipalityId}) x`,
    )
    assert.equal(order[0].ok, true)
    // and new rows go on from the backfilled head
    await audit(ctxOf(t), { action: 'test.after-backfill' })
    assert.equal((await verifyAuditChain(t.database.db, t.municipalityId)).ok, true)
  } finally {
    await t.close()
  }
})

test("a removed city's audit rows and chain head stay, and its chain still verifies", async () => {
  const t = await createTestApp()
  try {
    await deleteCity(t.database, t.municipalityId)
    const r = await verifyAuditChain(t.database.db, t.municipalityId)
    assert.ok(r.rows > 3)
    assert.equal(r.ok, true, describeChain(r))
  } finally {
    await t.close()
  }
})

const pgUrl = process.env.TEST_DATABASE_URL
describe('the application role (PostgreSQL)', {
  skip: pgUrl
    ? false
    : 'PostgreSQL only: set TEST_DATABASE_URL to run (PGlite has one role and one connection)',
}, () => {
  let t: TestApp
  let appUrl = ''
  const role = `kyodo_app_${process.pid}`
  let app: Awaited<ReturnType<typeof openDatabase>> | null = null
  before(async () => {
    t = await createTestApp()
    await t.database.db.execute(sql.raw(`DROP ROLE IF EXISTS ${role}`))
    await t.database.db.execute(sql.raw(`CREATE ROLE ${role} LOGIN`))
    await grantAppRole(t.database.db, role)
    const [{ name }] = await rows<{ name: string }>(t.database.db, sql`SELECT current_database() AS name`)
    const u = new URL(pgUrl!)
    u.username = role
    u.password = ''
    u.pathname = `/${name}`
    appUrl = u.toString()
    app = await openDatabase({ url: appUrl })
  })
  after(async () => {
    await app?.close()
    await t.close()
    const c = await openDatabase({ url: pgUrl })
    await c.db.execute(sql.raw(`DROP ROLE IF EXISTS ${role}`))
    await c.close()
  })

  const refused = (e: any) => /must be owner|permission denied/.test(`${e.message} ${e.cause?.message}`)

  test('it cannot switch the triggers off, change or remove audit rows, or move the chain head', async () => {
    const db = app!.db
    for (const q of [
      'ALTER TABLE audit_log DISABLE TRIGGER USER',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'DROP TRIGGER audit_log_no_update ON audit_log',
      'DELETE FROM audit_log',
      "UPDATE audit_log SET action = 'x'",
      'TRUNCATE audit_log',
      "UPDATE audit_chain_head SET hash = 'x'",
      'DELETE FROM audit_chain_head',
      'SET session_replication_role = replica',
      'CREATE OR REPLACE FUNCTION kyodo_audit_immutable() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql',
      'CREATE TABLE x (a int)',
    ])
      await assert.rejects(db.execute(sql.raw(q)), refused, q)
  })

  test('it can do what the application does: sign in, write, audit; the chain stays whole', async () => {
    const config = loadConfig({ KYODO_DEMO: '0', LOG_LEVEL: 'silent' })
    const c = new TestClient(createApp(app!, config))
    await c.login('admin@demo.example', DEMO_PASSWORD)
    assert.equal((await c.get('/admin/audit')).status, 200)
    const r = await c.json('POST', '/api/v1/tokens', { name: 'app role' })
    assert.equal(r.status, 201, await r.text())
    await audit(ctxOf(t, app!.db), { action: 'test.app-role' })
    const v = await verifyAuditChain(app!.db, t.municipalityId)
    assert.equal(v.ok, true, describeChain(v))
  })

  test('removing a city (demo --reset) works as the app role and leaves the chain whole', async () => {
    await deleteCity(app!, t.municipalityId)
    const v = await verifyAuditChain(app!.db, t.municipalityId)
    assert.equal(v.ok, true, describeChain(v))
  })

  test('the statements are the documented ones', () => {
    const s = appRoleStatements('kyodo_app')
    assert.ok(s.includes('GRANT SELECT, INSERT ON audit_log TO kyodo_app'))
    assert.throws(() => appRoleStatements('x; DROP TABLE users'))
  })
})
