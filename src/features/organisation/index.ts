/**
 * The organisation room's public face: the city's departments (部・課) with their duties, districts
 * and fiscal years, and who works in which department. Other rooms use only what is exported here.
 */
export { departmentIdsOf } from './membership.ts'
export { departmentsVersion } from './queries.ts'
export * from './domain.ts'
export * as org from './service.ts'
export type { Area, Department, FiscalYear, ImportResult } from './service.ts'
