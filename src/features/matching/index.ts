import type { Feature } from '../index.ts'
import { matchingApi } from './api.ts'
import { matchingRoutes } from './routes.tsx'

export const matchingFeature: Feature = { name: 'matching', routes: matchingRoutes, api: matchingApi }

export { sendDigests } from './service.ts'
export { projectsForGroup } from './service.ts'
export { GroupProjects } from './views.tsx'
export { syncGroupTerms } from './candidates.ts'
