import { getTableColumns } from 'drizzle-orm'
import { linkedIds, links } from '../../core/db/links.ts'
import { projectDepartments, projectPartners, projects } from './schema.ts'

/** A project's other departments (関係課): project_departments. */
export const projectDepartmentLinks = links(
  projectDepartments,
  projectDepartments.projectId,
  projectDepartments.departmentId,
)

/**
 * The registered groups of a project: its partners that are a group (project_partners.group_id,
 * a composite key to groups). Read only through this: partners are added and removed as partners.
 */
export const projectGroupLinks = links(projectPartners, projectPartners.projectId, projectPartners.groupId)

/** A project row with its other departments and its registered groups (sorted ids). */
export type Project = typeof projects.$inferSelect & { departmentIds: string[]; groupIds: string[] }

/** Every column of projects with `departmentIds` and `groupIds`: what every read of a whole project selects. */
export const projectColumns = {
  ...getTableColumns(projects),
  departmentIds: linkedIds(projectDepartmentLinks, projects),
  groupIds: linkedIds(projectGroupLinks, projects),
}
