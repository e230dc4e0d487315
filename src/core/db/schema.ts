// Every table of Kyodo, gathered for Drizzle and drizzle-kit. Each feature owns its own schema.ts.
export * from '../audit/schema.ts'
export * from '../auth/schema.ts'
export * from '../jobs/schema.ts'
export * from '../mail/schema.ts'
export * from '../../features/groups/schema.ts'
export * from '../../features/organisation/schema.ts'
export * from '../../features/matching/schema.ts'
