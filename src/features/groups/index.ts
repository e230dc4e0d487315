import type { Job } from '../../core/jobs/index.ts'
import type { Feature } from '../index.ts'
import { groupsApi } from './api.ts'
import { groupsRoutes } from './routes.tsx'
import { runRenewalJob } from './service.ts'

export { runRenewalJob }

/** The group registry and public directory (団体データベース). */
export const groupsFeature: Feature = { name: 'groups', routes: groupsRoutes, api: groupsApi }

/**
 * 年度更新: once a day, remind groups not yet renewed for this fiscal year, and after the
 * grace period mark them inactive. To be listed in src/jobs.ts (JOBS).
 */
export const groupRenewalJob: Job = {
  name: 'groups.renewal',
  everyMinutes: 24 * 60,
  async run(ctx) {
    const r = await runRenewalJob(ctx)
    return `${r.fiscalYear}年度: reminded ${r.reminded}, inactive ${r.deactivated}`
  },
}
