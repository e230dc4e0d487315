import { housekeeping, type Job } from './core/jobs/index.ts'
import { groupRenewalJob } from './features/groups/index.ts'
import { sendDigests } from './features/matching/index.ts'

/** Daily digests of new needs to groups that follow fields and areas (weekly ones every 7th day). */
const needsDigest: Job = {
  name: 'matching.digest',
  everyMinutes: 24 * 60,
  async run(ctx) {
    const r: unknown = await sendDigests(ctx)
    return typeof r === 'object' && r ? JSON.stringify(r) : String(r ?? '')
  },
}

/** Every scheduled job of Kyodo. Feature rooms add theirs here. */
export const JOBS: Job[] = [housekeeping, groupRenewalJob, needsDigest]
