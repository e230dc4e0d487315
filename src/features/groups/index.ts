import type { Feature } from '../index.ts'
import { groupsApi } from './api.ts'
import { groupsRoutes } from './routes.tsx'

export { runRenewalJob } from './service.ts'

/** The group registry and public directory (団体データベース). */
export const groupsFeature: Feature = { name: 'groups', routes: groupsRoutes, api: groupsApi }
