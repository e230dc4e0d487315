import { and, eq, sql } from 'drizzle-orm'
import type { Config } from '../config.ts'
import type { Ctx } from '../context.ts'
import type { Database } from '../db/index.ts'
import { municipalities } from '../db/schema.ts'
import { logger } from '../logger.ts'
import { purgeImportJobs } from '../import/jobs.ts'
import { jobRuns } from './schema.ts'

/**
 * Scheduled jobs kept in the database: each job runs at most once per interval per city,
 * whichever of several Kyodo processes gets there first (a row lock on job_runs decides).
 */
export interface Job {
  name: string
  everyMinutes: number
  run(ctx: Ctx): Promise<string | undefined>
}

export async function runDueJobs(database: Database, config: Config, jobs: Job[], now = new Date()) {
  const cities = await database.db.select().from(municipalities)
  const results: { city: string; job: string; status: string; message: string }[] = []
  for (const city of cities) {
    for (const job of jobs) {
      const ran = await database.db.transaction(async (tx) => {
        await tx
          .insert(jobRuns)
          .values({ municipalityId: city.id, name: job.name, lastRunAt: new Date(0) })
          .onConflictDoNothing()
        const [row] = await tx
          .select()
          .from(jobRuns)
          .where(and(eq(jobRuns.municipalityId, city.id), eq(jobRuns.name, job.name)))
          .for('update', { skipLocked: true })
        if (!row || now.getTime() - row.lastRunAt.getTime() < job.everyMinutes * 60_000) return null
        const ctx: Ctx = {
          db: tx as any,
          dbKind: database.kind,
          config,
          tenantId: city.id,
          municipality: city,
          actor: null,
          ip: '',
          userAgent: `kyodo-job:${job.name}`,
        }
        let status = 'ok'
        let message = ''
        try {
          message = (await job.run(ctx)) ?? ''
        } catch (e: any) {
          status = 'failed'
          message = String(e.message).slice(0, 500)
          logger.error({ job: job.name, city: city.code, err: e.message }, 'job failed')
        }
        await tx
          .update(jobRuns)
          .set({ lastRunAt: now, lastStatus: status, lastMessage: message })
          .where(and(eq(jobRuns.municipalityId, city.id), eq(jobRuns.name, job.name)))
        return { status, message }
      })
      if (ran) results.push({ city: city.code, job: job.name, ...ran })
    }
  }
  return results
}

/** Start the scheduler: checks every minute. Returns a stop function. */
export function startScheduler(database: Database, config: Config, jobs: Job[]) {
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    try {
      await runDueJobs(database, config, jobs)
    } catch (e: any) {
      logger.error({ err: e.message }, 'scheduler tick failed')
    } finally {
      busy = false
    }
  }
  const timer = setInterval(tick, 60_000)
  timer.unref()
  setTimeout(tick, 5_000).unref()
  return () => clearInterval(timer)
}

/** Core housekeeping: expired sessions, stale rate-limit windows, used or expired one-time tokens. */
export const housekeeping: Job = {
  name: 'housekeeping',
  everyMinutes: 60,
  async run(ctx) {
    await ctx.db.execute(
      sql`DELETE FROM sessions WHERE municipality_id = ${ctx.tenantId} AND expires_at < now()`,
    )
    await ctx.db.execute(
      sql`DELETE FROM sessions WHERE municipality_id = ${ctx.tenantId} AND last_seen_at < now() - make_interval(mins => ${ctx.config.SESSION_IDLE_MINUTES})`,
    )
    await ctx.db.execute(sql`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`)
    await ctx.db.execute(
      sql`DELETE FROM user_tokens WHERE municipality_id = ${ctx.tenantId} AND (expires_at < now() - interval '30 days' OR used_at < now() - interval '30 days')`,
    )
    await purgeImportJobs(ctx)
    return 'sessions, rate limits, old tokens and import jobs purged'
  },
}
