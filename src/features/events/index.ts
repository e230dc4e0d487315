/**
 * The events room's public face for other rooms (its pages, API, tables, jobs and demo are listed
 * in feature.ts): the events a group or department organises.
 */
export { upcomingEventsOrganisedBy } from './queries.ts'
