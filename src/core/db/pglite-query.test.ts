import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type PGlite, protocol } from '@electric-sql/pglite'
import { emptyPgliteCopy } from '../../testing/pglite-templates.ts'
import { installOneCallQuery, StatementCache } from './pglite-query.ts'

/**
 * The one-call query gives what PGlite's own `query` gives: the same rows (objects and arrays),
 * fields, counts and errors, for every kind of value the application sends.
 */
let own: PGlite
let fast: PGlite
const cache = new StatementCache(3)

before(async () => {
  // copies of the migrated empty test database (a new cluster would be an initdb of 3 s each)
  own = await emptyPgliteCopy()
  fast = installOneCallQuery(await emptyPgliteCopy(), cache)
  for (const c of [own, fast])
    await c.exec(
      `CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], ids uuid[], data jsonb,
         at timestamptz, day date, ok boolean, n numeric, b bytea)`,
    )
})
after(async () => {
  await own.close()
  await fast.close()
})

const insert =
  'INSERT INTO t (id, name, tags, ids, data, at, day, ok, n, b) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id'

test('inserts and selects give the same rows, fields and counts', async () => {
  const values = [
    [
      1,
      '協働のまち',
      ['子育て', 'a,b "c"'],
      ['a37932d1-94f3-40b1-950d-bcfed1068a52'],
      { k: [1, '二'] },
      new Date('2026-12-04T01:02:03.004Z'),
      '2026-04-01',
      true,
      '12.50',
      new Uint8Array([0, 255, 7]),
    ],
    [2, null, [], [], null, null, null, false, null, null],
  ]
  for (const v of values) {
    // PGlite's own serialisers take a JSON value as an object; the application (through drizzle)
    // always sends it as text, which both accept
    const asSent = v.map((x, i) => (i === 4 && x !== null ? JSON.stringify(x) : x))
    const a = await own.query(insert, asSent)
    const b = await fast.query(insert, asSent)
    assert.deepEqual(b.rows, a.rows)
    assert.equal(b.affectedRows, a.affectedRows)
  }
  for (const rowMode of ['object', 'array'] as const) {
    const q = 'SELECT * FROM t WHERE id = ANY($1::int[]) ORDER BY id'
    const a = await own.query(q, [[1, 2]], { rowMode })
    const b = await fast.query(q, [[1, 2]], { rowMode })
    assert.deepEqual(b.rows, a.rows)
    assert.deepEqual(b.fields, a.fields)
    assert.equal(b.rows.length, 2)
  }
  const u = await fast.query('UPDATE t SET ok = $1 WHERE id > $2', [true, 0])
  assert.equal(u.affectedRows, 2)
})

test('a parser given with the query wins over the default one', async () => {
  const r = await fast.query<{ at: string }>('SELECT at FROM t WHERE id = 1', [], {
    parsers: { 1184: (v: string) => `text:${v}` },
  })
  assert.match(r.rows[0].at, /^text:2026-12-04 01:02:03\.004/)
})

test('an error carries its code and the query, and the client goes on', async () => {
  await assert.rejects(
    fast.query(insert, [1, 'again', null, null, null, null, null, null, null, null]),
    (e: Error & { code?: string; query?: string }) => {
      assert.equal(e.code, '23505')
      assert.equal(e.query, insert)
      return true
    },
  )
  assert.deepEqual((await fast.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 2 }])
})

test('in a transaction: queries see their own writes, an error rolls back, a closed one refuses', async () => {
  let kept: unknown
  await fast.transaction(async (tx) => {
    await tx.query('INSERT INTO t (id) VALUES ($1)', [3])
    kept = tx
    assert.deepEqual((await tx.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 3 }])
  })
  await assert.rejects(
    fast.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES ($1)', [4])
      await tx.query('INSERT INTO t (id) VALUES ($1)', [4])
    }),
    /duplicate key/,
  )
  assert.deepEqual((await fast.query('SELECT id FROM t ORDER BY id', [], { rowMode: 'array' })).rows, [
    [1],
    [2],
    [3],
  ])
  await assert.rejects((kept as PGlite).query('SELECT 1'), /closed/)
})

const prepared = async (c: PGlite) =>
  (
    await c.query<{ name: string; statement: string }>(
      'SELECT name, statement FROM pg_prepared_statements ORDER BY name',
    )
  ).rows

test('a statement met again is bound by its prepared name; the least recently used is closed', async () => {
  cache.clear()
  const q = 'SELECT name FROM t WHERE id = $1'
  assert.deepEqual((await fast.query(q, [1])).rows, [{ name: '協働のまち' }])
  const name = cache.names.get(q)
  assert.ok(name)
  assert.deepEqual((await fast.query(q, [2])).rows, [{ name: null }])
  assert.equal(cache.names.get(q), name, 'the second run reuses the name')
  // a parameter now in another form still binds to the same statement
  assert.deepEqual((await fast.query(q, ['1'])).rows, [{ name: '協働のまち' }])
  for (const n of [1, 2, 3]) await fast.query(`SELECT $1::int + ${n} AS n`, [n])
  assert.equal(cache.names.size, 3)
  assert.equal(cache.names.has(q), false, 'the oldest was let go')
  // closed as it was let go: the engine holds exactly what the cache names (this query included)
  const held = await prepared(fast)
  assert.deepEqual(held.map((r) => r.name).sort(), [...cache.names.values()].sort())
  assert.equal(held.length, 3)
})

test('a statement that fails to parse is not kept, and the next one is', async () => {
  cache.clear()
  await assert.rejects(fast.query('SELECT nosuchcolumn FROM t WHERE id = $1', [1]), /nosuchcolumn/)
  assert.equal(cache.names.size, 0)
  // an error after the parse (here at execution) keeps the statement: it is valid
  const q = 'SELECT 1 / $1::int AS x'
  await assert.rejects(fast.query(q, [0]), /division by zero/)
  assert.ok(cache.names.has(q))
  assert.deepEqual((await fast.query(q, [1])).rows, [{ x: 1 }])
})

test('a schema change: kept statements are closed, or prepared again when they went stale', async () => {
  cache.clear()
  await fast.exec('CREATE TABLE s (a int)')
  await fast.query('INSERT INTO s VALUES ($1)', [1])
  const star = 'SELECT * FROM s WHERE a = $1'
  assert.deepEqual((await fast.query(star, [1])).fields.length, 1)
  // DDL through exec (as migrations and tests send it) empties the cache
  await fast.exec('ALTER TABLE s ADD COLUMN b int')
  assert.equal(cache.names.size, 0)
  assert.deepEqual((await fast.query(star, [1])).rows, [{ a: 1, b: null }])
  // DDL the cache did not see (sent past it): PostgreSQL refuses the stale statement
  // ("cached plan must not change result type"), and the query is prepared again and answered
  await fast.execProtocolRaw(protocol.serialize.query("ALTER TABLE s ADD COLUMN c text DEFAULT 'x'"))
  assert.deepEqual((await fast.query(star, [1])).rows, [{ a: 1, b: null, c: 'x' }])
  // in a transaction the refusal aborts it, so it is reported, and the next query prepares afresh
  await fast.execProtocolRaw(protocol.serialize.query('ALTER TABLE s DROP COLUMN c'))
  await assert.rejects(
    fast.transaction((tx) => tx.query(star, [1])),
    /cached plan must not change result type/,
  )
  assert.deepEqual((await fast.query(star, [1])).rows, [{ a: 1, b: null }])
})
