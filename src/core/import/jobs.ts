import { and, eq, sql } from 'drizzle-orm'
import type { Ctx } from '../context.ts'
import { AppError } from '../errors.ts'
import { logger } from '../logger.ts'
import { importJobs } from './schema.ts'

/**
 * Imports started from a page run as a job: the request creates a row in import_jobs and returns;
 * the import runs in this process and reports its progress (phase, rows done, errors so far) to
 * the row, which the progress page polls. The import itself is all-or-nothing (one transaction on
 * PostgreSQL; on PGlite rows staged aside, committed at once: batches.ts), so a job that fails or
 * whose server is killed has imported nothing; such a job is shown as failed or interrupted,
 * never as half done. Both phases yield to other requests, and the progress is saved about once
 * a second.
 */

export type JobState = 'running' | 'done' | 'failed' | 'interrupted'
export type JobPhase = 'read' | 'check' | 'write'

export interface JobProgress {
  phase: JobPhase
  done: number
  total: number
  errors: number
}

export interface ImportJob extends JobProgress {
  id: string
  kind: string
  state: JobState
  dryRun: boolean
  params: Record<string, unknown>
  result: Record<string, unknown> | null
  message: string
  createdAt: Date
  updatedAt: Date
  finishedAt: Date | null
}

type Live = { progress: JobProgress; finished: Promise<void>; updatedAt: Date }
/** Jobs running in this process, by id. */
const live = new Map<string, Live>()

/** A row left `running` without a heartbeat for this long belongs to a process that stopped. */
const STALE_MS = 2 * 60_000
/** How often the progress is written to the row while checking. */
const SAVE_EVERY_MS = 1000

export const INTERRUPTED_MESSAGE =
  'サーバーが停止したため、取り込みは途中で中断されました。取り込みは確定するまでどの画面にも反映されず、書きかけの行は再起動のときに取り除かれるため、何も取り込まれていません。もう一度実行してください。'
export const FAILED_MESSAGE = '取り込みに失敗しました。何も書き込んでいません。'

/**
 * Start `run` as a job of this city and return its id at once. `run` receives a progress
 * callback to call as it goes; what it resolves to is kept as the job's result. One job of a
 * kind runs at a time per city (a second one would race the first on duplicates).
 */
export async function startImportJob(
  ctx: Ctx,
  job: {
    kind: string
    dryRun: boolean
    params: Record<string, unknown>
    /** Gets the progress callback and the job's id. */
    run: (progress: (p: JobProgress) => Promise<void>, id: string) => Promise<Record<string, unknown>>
  },
): Promise<string> {
  const running = await runningJob(ctx, job.kind)
  if (running)
    throw new AppError(
      409,
      'import_running',
      '別の取り込みを実行中です。終わってからもう一度実行してください。',
    )
  const [row] = await ctx.db
    .insert(importJobs)
    .values({
      municipalityId: ctx.tenantId,
      kind: job.kind,
      createdBy: ctx.actor?.userId ?? null,
      dryRun: job.dryRun,
      params: job.params,
    })
    .returning({ id: importJobs.id })
  const id = row.id
  const state: Live = {
    progress: { phase: 'read', done: 0, total: 0, errors: 0 },
    finished: Promise.resolve(),
    updatedAt: new Date(),
  }
  live.set(id, state)
  let saved = 0
  let savedPhase: JobPhase = 'read'
  const progress = async (p: JobProgress) => {
    state.progress = p
    state.updatedAt = new Date()
    const now = Date.now()
    if (p.phase === savedPhase && now - saved < SAVE_EVERY_MS) return
    saved = now
    savedPhase = p.phase
    await ctx.db
      .update(importJobs)
      .set({ ...p, updatedAt: new Date() })
      .where(and(eq(importJobs.municipalityId, ctx.tenantId), eq(importJobs.id, id)))
  }
  state.finished = (async () => {
    let end: Partial<typeof importJobs.$inferInsert>
    try {
      const result = await job.run(progress, id)
      end = { state: 'done', result, ...state.progress }
    } catch (e) {
      const known = e instanceof AppError
      if (!known) logger.error({ err: (e as Error)?.message, job: id }, 'import job failed')
      end = { state: 'failed', message: known ? e.message : FAILED_MESSAGE, ...state.progress }
    }
    try {
      await ctx.db
        .update(importJobs)
        .set({ ...end, finishedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(importJobs.municipalityId, ctx.tenantId), eq(importJobs.id, id)))
    } catch (e) {
      // the database went away (shutdown): the row stays running and is read as interrupted
      logger.error({ err: (e as Error)?.message, job: id }, 'import job state not saved')
    } finally {
      live.delete(id)
    }
  })()
  return id
}

/** Wait up to `ms` for a job of this process to finish; true when it has (or is not running here). */
export async function waitForJob(id: string, ms: number): Promise<boolean> {
  const j = live.get(id)
  if (!j) return true
  let timer: NodeJS.Timeout | undefined
  const done = await Promise.race([
    j.finished.then(() => true),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), ms)
    }),
  ])
  clearTimeout(timer)
  return done
}

/** Whether a job runs in this process (tests, and the interrupted check). */
export const isLive = (id: string) => live.has(id)

/** A job of this city, with its live progress; a running job whose process is gone is interrupted. */
export async function importJob(ctx: Ctx, kind: string, id: string): Promise<ImportJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
  const [row] = await ctx.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.municipalityId, ctx.tenantId), eq(importJobs.kind, kind), eq(importJobs.id, id)))
  if (!row) return null
  const here = live.get(id)
  let job: ImportJob = {
    ...row,
    state: row.state as JobState,
    phase: row.phase as JobPhase,
    result: row.result ?? null,
  }
  if (row.state === 'running' && here)
    job = { ...job, ...here.progress, updatedAt: here.updatedAt, state: 'running' }
  else if (row.state === 'running' && isStale(ctx, row.updatedAt)) {
    await ctx.db
      .update(importJobs)
      .set({ state: 'interrupted', message: INTERRUPTED_MESSAGE, finishedAt: new Date() })
      .where(and(eq(importJobs.municipalityId, ctx.tenantId), eq(importJobs.id, id)))
    job = { ...job, state: 'interrupted', message: INTERRUPTED_MESSAGE }
  }
  return job
}

/**
 * A running row not running here: on PGlite (one process owns the data folder) it is gone at
 * once; on PostgreSQL (several processes may share the database) when its heartbeat is old.
 */
function isStale(ctx: Ctx, updatedAt: Date) {
  return ctx.dbKind === 'pglite' || Date.now() - updatedAt.getTime() > STALE_MS
}

async function runningJob(ctx: Ctx, kind: string) {
  const rows = await ctx.db
    .select({ id: importJobs.id, updatedAt: importJobs.updatedAt })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.municipalityId, ctx.tenantId),
        eq(importJobs.kind, kind),
        eq(importJobs.state, 'running'),
      ),
    )
  return rows.find((r) => live.has(r.id) || !isStale(ctx, r.updatedAt)) ?? null
}

/** Housekeeping: jobs (and the reports they keep) are removed after 30 days. */
export async function purgeImportJobs(ctx: Pick<Ctx, 'db' | 'tenantId'>) {
  await ctx.db.execute(
    sql`DELETE FROM import_jobs WHERE municipality_id = ${ctx.tenantId} AND created_at < now() - interval '30 days'`,
  )
}
