/**
 * The projects room's public face: recording a project (from an agreed pairing), counts for
 * matching, and the group page's list of a group's projects. Pages and tables are in feature.ts.
 */
export { projectSchema } from './domain.ts'
export {
  createProject,
  createProjectRecord,
  getProject,
  listProjects,
  type ProjectListRow,
  type Project,
  projectCounts,
  projectsForGroup,
} from './service.ts'
export { GroupProjects } from './views.tsx'
export { departmentProjectTexts, projectsVersion } from './routing.ts'
