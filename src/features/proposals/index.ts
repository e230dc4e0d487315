/**
 * The proposal programme's public face (its pages, API, tables and demo are listed in feature.ts):
 * the proposals of a group (for a group's page) and how many wait for a reviewer.
 */
export { applicationsOfGroups, countToScore } from './service.ts'
export { isAdopted } from './domain.ts'
