/**
 * The proposal programme's public face (its pages, API, tables and demo are listed in feature.ts):
 * the proposals of a group (for a group's page), how many wait for a reviewer, and the funnel by
 * fiscal year (for the statistics).
 */
export { applicationsOfGroups, countToScore, funnel as proposalFunnel } from './service.ts'
export { isAdopted } from './domain.ts'
