/**
 * The events room's public face for other rooms (its pages, API, tables, jobs and demo are listed
 * in feature.ts): the events a group or department organises, and the coming public events.
 */
export { upcomingEventsOrganisedBy, upcomingPublicEvents } from './queries.ts'
export { eventWhen } from './service.ts'
/** Shared with rooms that write their own invitations (meetings) and read date-times the same way. */
export { buildCalendar, type IcsEvent } from './ics.ts'
export { dateTime, hmInTokyo, jstMoment, parseTime } from './domain.ts'
