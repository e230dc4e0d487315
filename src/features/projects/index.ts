/**
 * The projects room's public face: recording a project (from an agreed pairing), counts for
 * matching, the group page's list of a group's projects, and what the statistics count
 * (every project with its partners and budgets; continuation after the end). Pages and tables are in feature.ts.
 */
export { projectSchema } from './domain.ts'
export {
  createProject,
  continuationStats,
  continuedProjectIds,
  createProjectRecord,
  getProject,
  listProjects,
  type ProjectListRow,
  type Project,
  projectCounts,
  projectsForGroup,
  projectsForStatistics,
  type StatisticsProject,
} from './service.ts'
export { GroupProjects } from './views.tsx'
export { departmentProjectTexts, projectsVersion } from './routing.ts'
