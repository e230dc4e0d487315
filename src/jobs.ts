import { housekeeping, type Job } from './core/jobs/index.ts'

/** Every scheduled job of Kyodo. Feature rooms add theirs here. */
export const JOBS: Job[] = [housekeeping]
