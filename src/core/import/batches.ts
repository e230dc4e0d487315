import { and, eq, getTableName, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { insertMany, rowDocs } from '../db/bulk.ts'
import { type Db, rows } from '../db/index.ts'
import { logger } from '../logger.ts'
import { importBatches, importJobs, importStagedRows } from './schema.ts'

/**
 * Imports on PGlite in batches (decision 0013). PGlite has one connection: a transaction that
 * writes 20,000 rows holds it for many seconds and every other request waits. So on PGlite an
 * import first keeps its new rows in `import_staged_rows` (JSON, no index but the batch's), in
 * small statements, each its own transaction: no page reads that table. One small transaction
 * then commits the batch (with the import's other writes and its audit row); only then do the
 * rows move into their table, a few hundred per transaction (each move inserts and deletes its
 * rows in one statement, so it can be repeated after a stop), and the batch row goes. A failure
 * before the commit deletes the staged rows; a server killed before the commit leaves a 'staging'
 * batch that start-up deletes (`recoverImportBatches`), and one killed after it leaves a
 * 'committed' batch that start-up finishes. PostgreSQL keeps one transaction: other connections
 * are not held by it.
 */

/** Rows per statement while staging or moving: each takes a fraction of a second on PGlite. */
export const BATCH_ROWS = 250

export interface Batch {
  id: string
  municipalityId: string
  tableName: string
  columns: string[]
}

type BatchCtx = { db: Db; tenantId: string }

/** A breath between two statements: requests that arrived meanwhile get the connection. */
const breathe = () => new Promise<void>((r) => setImmediate(r))

/**
 * Open a batch for rows of `table` and stage `list` in it (`BATCH_ROWS` per statement, a breath
 * between two); `onChunk` gets the rows staged so far. Nothing of it is seen until committed. On
 * a failure while staging the batch is discarded here; after `stageRows`, the caller discards it
 * if its commit fails.
 */
export async function stageRows<T extends PgTable>(
  ctx: BatchCtx,
  table: T,
  list: T['$inferInsert'][],
  opts: { jobId?: string | null; onChunk?: (done: number) => void | Promise<void> } = {},
): Promise<Batch> {
  const columns = rowDocs(table, list.slice(0, 1)).names
  const tableName = getTableName(table)
  const [b] = await ctx.db
    .insert(importBatches)
    .values({ municipalityId: ctx.tenantId, tableName, columns, jobId: opts.jobId ?? null })
    .returning({ id: importBatches.id })
  const batch: Batch = { id: b.id, municipalityId: ctx.tenantId, tableName, columns }
  try {
    for (let i = 0; i < list.length; i += BATCH_ROWS) {
      const { names, docs } = rowDocs(table, list.slice(i, i + BATCH_ROWS))
      if (names.join() !== columns.join())
        throw new Error(`stageRows: every row must give the same columns (${columns.join(', ')})`)
      await insertMany(
        ctx.db,
        importStagedRows,
        docs.map((row, j) => ({ municipalityId: ctx.tenantId, batchId: batch.id, seq: i + j, row })),
        { chunk: BATCH_ROWS },
      )
      if (opts.onChunk) await opts.onChunk(Math.min(i + BATCH_ROWS, list.length))
      await breathe()
    }
  } catch (e) {
    // a failure while staging (or a progress callback that aborts): the staged rows go
    await discardBatch(ctx.db, batch).catch((err: unknown) =>
      logger.error({ err: (err as Error)?.message, batch: batch.id }, 'import batch not discarded'),
    )
    throw e
  }
  return batch
}

/** Inside the import's commit transaction: from now on the batch's rows belong to the city. */
export async function commitBatch(tx: BatchCtx, batch: Batch): Promise<void> {
  await tx.db
    .update(importBatches)
    .set({ state: 'committed' })
    .where(and(eq(importBatches.municipalityId, batch.municipalityId), eq(importBatches.id, batch.id)))
}

/** Move a committed batch's rows into their table, `BATCH_ROWS` per statement, then drop the batch. */
export async function publishBatch(db: Db, batch: Batch): Promise<number> {
  const table = sql.identifier(batch.tableName)
  const list = sql.raw(batch.columns.map((n) => `"${n.replace(/"/g, '')}"`).join(', '))
  let n = 0
  // a batch of no rows (an import that only merges) has nothing to move
  for (; batch.columns.length; ) {
    // one statement: the rows leave the staging table and enter theirs together
    const [r] = await rows<{ n: number }>(
      db,
      sql`WITH moved AS (
            DELETE FROM import_staged_rows WHERE id IN (
              SELECT id FROM import_staged_rows WHERE batch_id = ${batch.id} ORDER BY seq LIMIT ${BATCH_ROWS})
            RETURNING seq, "row"),
          ins AS (
            INSERT INTO ${table} (${list})
            SELECT ${list} FROM jsonb_populate_recordset(NULL::${table},
              (SELECT coalesce(jsonb_agg("row" ORDER BY seq), '[]'::jsonb) FROM moved))
            RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    )
    n += r?.n ?? 0
    if ((r?.n ?? 0) < BATCH_ROWS) break
    await breathe()
  }
  await db.execute(sql`DELETE FROM import_batches WHERE id = ${batch.id}`)
  return n
}

/** Delete an uncommitted batch's staged rows, then the batch. */
export async function discardBatch(db: Db, batch: Batch): Promise<number> {
  let n = 0
  for (;;) {
    const done = await rows<{ id: string }>(
      db,
      sql`DELETE FROM import_staged_rows WHERE id IN (
            SELECT id FROM import_staged_rows WHERE batch_id = ${batch.id} LIMIT ${BATCH_ROWS * 4})
          RETURNING id`,
    )
    n += done.length
    if (done.length < BATCH_ROWS * 4) break
    await breathe()
  }
  await db.execute(sql`DELETE FROM import_batches WHERE id = ${batch.id}`)
  return n
}

export const RECOVERED_MESSAGE =
  'サーバーが停止しましたが、取り込みは確定したあとだったため、再起動のときに取り込みを完了しました。団体の一覧で確かめてください。'

/**
 * At start-up, before serving (PGlite only: one process owns the folder, so no batch is being
 * written): delete every batch left 'staging' with its rows, finish every 'committed' one.
 */
export async function recoverImportBatches(db: Db): Promise<{ discarded: number; published: number }> {
  const left = await rows<{
    id: string
    municipality_id: string
    table_name: string
    columns: string[] | string
    state: string
    job_id: string | null
  }>(
    db,
    // in the order they were opened: an import that stages a second table (a group's areas) opens
    // its batch after the first, and its rows must arrive after the rows they point at
    sql`SELECT id, municipality_id, table_name, columns, state, job_id FROM import_batches ORDER BY created_at, id`,
  )
  let discarded = 0
  let published = 0
  for (const r of left) {
    const b: Batch = {
      id: r.id,
      municipalityId: r.municipality_id,
      tableName: r.table_name,
      columns: Array.isArray(r.columns) ? r.columns : String(r.columns).replace(/[{}"]/g, '').split(','),
    }
    if (r.state === 'committed') {
      published += await publishBatch(db, b)
      if (r.job_id)
        await db
          .update(importJobs)
          .set({ state: 'interrupted', message: RECOVERED_MESSAGE, finishedAt: new Date() })
          .where(
            and(
              eq(importJobs.municipalityId, r.municipality_id),
              eq(importJobs.id, r.job_id),
              eq(importJobs.state, 'running'),
            ),
          )
    } else discarded += await discardBatch(db, b)
  }
  if (left.length) logger.warn({ batches: left.length, discarded, published }, 'unfinished imports recovered')
  return { discarded, published }
}
