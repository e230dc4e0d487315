import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { insertMany } from '../db/bulk.ts'
import { type Db, rows } from '../db/index.ts'
import { logger } from '../logger.ts'
import { importBatches, importJobs } from './schema.ts'

/**
 * Imports on PGlite in batches (decision 0013). PGlite has one connection: a transaction that
 * writes 20,000 rows holds it for many seconds and every other request waits. So on PGlite an
 * import writes its new rows in small statements, each its own transaction, with the status
 * 'importing' and the batch's id: no page shows a row in that status. One small transaction then
 * commits the batch (with the import's other writes and its audit row); only then do the rows get
 * their status, again in small steps, and the batch row goes. A failure before the commit deletes
 * the batch's rows; a server killed before the commit leaves a 'staging' batch that start-up
 * deletes (`recoverImportBatches`), and one killed after it leaves a 'committed' batch that
 * start-up finishes. PostgreSQL keeps one transaction: other connections are not held by it.
 */

/** The status of a row written by an import whose batch is not committed: seen by no page. */
export const STAGED_STATUS = 'importing'

/** Rows per statement while staging or publishing: each takes a fraction of a second on PGlite. */
export const BATCH_ROWS = 250

export interface Batch {
  id: string
  municipalityId: string
  tableName: string
  targetStatus: string
}

type BatchCtx = { db: Db; tenantId: string }

/** A breath between two statements: requests that arrived meanwhile get the connection. */
const breathe = () => new Promise<void>((r) => setImmediate(r))

/** Open a batch of `tableName` (its rows will get `targetStatus` once committed). */
export async function openBatch(
  ctx: BatchCtx,
  tableName: string,
  targetStatus: string,
  jobId?: string | null,
): Promise<Batch> {
  const [b] = await ctx.db
    .insert(importBatches)
    .values({ municipalityId: ctx.tenantId, tableName, targetStatus, jobId: jobId ?? null })
    .returning({ id: importBatches.id })
  return { id: b.id, municipalityId: ctx.tenantId, tableName, targetStatus }
}

/**
 * Write `list` as rows of the batch: status 'importing' and the batch id, `BATCH_ROWS` per
 * statement, a breath between statements. `onChunk` gets the rows written so far.
 */
export async function stageRows<T extends PgTable>(
  ctx: BatchCtx,
  batch: Batch,
  table: T,
  list: T['$inferInsert'][],
  onChunk?: (done: number) => void | Promise<void>,
): Promise<void> {
  for (let i = 0; i < list.length; i += BATCH_ROWS) {
    const part = list
      .slice(i, i + BATCH_ROWS)
      .map((r) => ({ ...r, status: STAGED_STATUS, importBatchId: batch.id }) as T['$inferInsert'])
    await insertMany(ctx.db, table, part, { chunk: BATCH_ROWS })
    if (onChunk) await onChunk(Math.min(i + BATCH_ROWS, list.length))
    await breathe()
  }
}

/** Inside the import's commit transaction: from now on the batch's rows belong to the city. */
export async function commitBatch(tx: BatchCtx, batch: Batch): Promise<void> {
  await tx.db
    .update(importBatches)
    .set({ state: 'committed' })
    .where(and(eq(importBatches.municipalityId, batch.municipalityId), eq(importBatches.id, batch.id)))
}

const t = (b: Batch) => sql.identifier(b.tableName)
const ofBatch = (b: Batch): SQL =>
  sql`id IN (SELECT id FROM ${t(b)} WHERE municipality_id = ${b.municipalityId} AND import_batch_id = ${b.id} LIMIT ${BATCH_ROWS})`

/** Give a committed batch's rows their status (and a new updated_at, for the search indexes), then drop the batch. */
export async function publishBatch(db: Db, batch: Batch): Promise<number> {
  let n = 0
  for (;;) {
    const done = await rows<{ id: string }>(
      db,
      sql`UPDATE ${t(batch)} SET status = ${batch.targetStatus}, import_batch_id = NULL, updated_at = now()
          WHERE ${ofBatch(batch)} RETURNING id`,
    )
    n += done.length
    if (done.length < BATCH_ROWS) break
    await breathe()
  }
  await db.execute(sql`DELETE FROM import_batches WHERE id = ${batch.id}`)
  return n
}

/** Delete an uncommitted batch's rows, then the batch. */
export async function discardBatch(db: Db, batch: Batch): Promise<number> {
  let n = 0
  for (;;) {
    const done = await rows<{ id: string }>(
      db,
      sql`DELETE FROM ${t(batch)} WHERE ${ofBatch(batch)} AND status = ${STAGED_STATUS} RETURNING id`,
    )
    n += done.length
    if (done.length < BATCH_ROWS) break
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
    target_status: string
    state: string
    job_id: string | null
  }>(db, sql`SELECT id, municipality_id, table_name, target_status, state, job_id FROM import_batches`)
  let discarded = 0
  let published = 0
  for (const r of left) {
    const b: Batch = {
      id: r.id,
      municipalityId: r.municipality_id,
      tableName: r.table_name,
      targetStatus: r.target_status,
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
