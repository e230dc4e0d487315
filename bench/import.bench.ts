/**
 * Import benchmark (issue 9): a prefecture-style CP932 list of NPO法人 without フリガナ (so every
 * reading is generated), as a city really delivers it, imported into PGlite (in memory).
 * Reports: reading the file, the dry run, the import (good_only, published), rows written.
 * Size: BENCH_IMPORT_ROWS (default 100000).
 */
import { sql } from 'drizzle-orm'
import { migrate, openDatabase, rows } from '../src/core/db/index.ts'
import { readTable } from '../src/core/import/index.ts'
import { importGroups, IMPORT_COLUMNS } from '../src/features/groups/io.ts'
import { npoFixture } from '../src/features/groups/npo-fixture.ts'
import { knownHeaders } from '../src/core/import/index.ts'
import { benchCity } from './gen-groups.ts'

const N = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export default async function () {
  const database = await openDatabase({ dataDir: 'memory' })
  await migrate(database)
  const ctx = await benchCity(database)
  const fx = npoFixture(N - 3, 11, '計測') // 3 broken rows: N rows in all
  const bytes = new Uint8Array(fx.bytes)
  const mb = (bytes.length / 1024 / 1024).toFixed(1)
  let t = performance.now()
  const table = await readTable(bytes, { maxRows: 100_000 + 10, known: knownHeaders(IMPORT_COLUMNS) })
  const readMs = performance.now() - t
  t = performance.now()
  const dry = await importGroups(ctx, bytes, { dryRun: true, mode: 'good_only', status: 'published' })
  const dryMs = performance.now() - t
  const before = Number(
    (await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM groups`))[0].n,
  )
  t = performance.now()
  const rep = await importGroups(ctx, bytes, { dryRun: false, mode: 'good_only', status: 'published' })
  const impMs = performance.now() - t
  const after = Number(
    (await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM groups`))[0].n,
  )
  console.log(
    `PGlite: ${table.rows.length.toLocaleString()} rows, CP932 ${mb} MB, no フリガナ: read ${s(readMs)}, dry run ${s(dryMs)} (errors ${dry.errors.length}, readings ${dry.kanaGenerated}), import ${s(impMs)} (created ${rep.created}, written ${after - before}, errors ${rep.errors.length})`,
  )
  await database.close()
}
