/** The matching room's public face for other rooms. Its pages, API, tables and jobs are in feature.ts. */
export { syncGroupTerms } from './candidates.ts'
export { projectsForGroup } from './service.ts'
export { GroupProjects } from './views.tsx'
