import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { insertMany } from './bulk.ts'
import { emptyPgliteCopy, pgliteDatabase } from '../../testing/pglite-templates.ts'
import { rows } from './index.ts'

const things = pgTable('bulk_things', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  tags: text('tags').array().notNull().default([]),
  ids: uuid('ids').array().notNull().default([]),
  n: integer('n'),
  ok: boolean('ok').notNull().default(false),
  meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }),
  note: text('note').notNull().default('既定'),
})

test('insertMany writes what insert().values() writes: arrays, jsonb, dates, nulls, defaults, 𠮷', async () => {
  // a copy of the migrated empty test database: a new cluster would be an initdb of 3 s
  const d = pgliteDatabase(await emptyPgliteCopy())
  await d.db.execute(
    sql`CREATE TABLE bulk_things (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, tags text[] NOT NULL DEFAULT '{}', ids uuid[] NOT NULL DEFAULT '{}', n integer, ok boolean NOT NULL DEFAULT false, meta jsonb NOT NULL DEFAULT '{}', at timestamptz, note text NOT NULL DEFAULT '既定')`,
  )
  const at = new Date('2026-03-31T15:00:00Z')
  const uid = '6f1c1d1e-0000-4000-8000-000000000001'
  const input = Array.from({ length: 5 }, (_, i) => ({
    name: i === 0 ? '𠮷野"家",\\会' : `会${i}`,
    tags: i === 0 ? ['a,b', '"q"', 'ｶﾅ'] : [],
    ids: i === 0 ? [uid] : [],
    n: i === 1 ? null : i,
    ok: i % 2 === 0,
    meta: { k: [1, 'x'] },
    at: i === 2 ? null : at,
  }))
  let chunks = 0
  await insertMany(d.db, things, input, { chunk: 2, onChunk: () => void chunks++ })
  assert.equal(chunks, 3)
  const got = await d.db.select().from(things).orderBy(things.n)
  assert.equal(got.length, 5)
  const first = got.find((g) => g.n === 0)!
  assert.equal(first.name, '𠮷野"家",\\会')
  assert.deepEqual(first.tags, ['a,b', '"q"', 'ｶﾅ'])
  assert.deepEqual(first.ids, [uid])
  assert.deepEqual(first.meta, { k: [1, 'x'] })
  assert.equal(first.at?.toISOString(), at.toISOString())
  assert.equal(first.note, '既定')
  assert.equal(got.find((g) => g.name === '会1')!.n, null)
  assert.equal(got.find((g) => g.name === '会2')!.at, null)
  assert.equal(
    (await rows<{ n: number }>(d.db, sql`SELECT count(DISTINCT id)::int AS n FROM bulk_things`))[0].n,
    5,
  )
  for (const bad of [
    [{ name: 'x' }, { name: 'y', n: 1 }],
    [{ name: 'x', n: 1 }, { name: 'y' }],
  ])
    await assert.rejects(insertMany(d.db, things, bad), /every row must give the same columns/)
  await d.close()
})
