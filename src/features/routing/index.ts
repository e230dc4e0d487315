/** Routing's public face: other rooms (the department guide, the consultation form) ask it. */
export { type DepartmentSuggestion, suggestDepartments } from './service.ts'
export type { RoutingSource } from './sources.ts'
