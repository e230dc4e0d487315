/**
 * The meetings room's public face for other rooms (its pages, API, tables, jobs and demo are in
 * feature.ts): the meetings of a subject (for the subject's page, with the link to set one), and a
 * user's open action items with their reassignment. The hand-over (引継ぎ) reaches the action items
 * through the manifest's `holdings` (holdings.ts), which use the same functions.
 */
export { type SubjectType, subjectHref } from './domain.ts'
export { meetingsOfSubject, openActionsOf, reassignActions, type MyAction } from './service.ts'
export { SubjectMeetings } from './views.tsx'

/** Where to set a meeting about a subject. */
export const newMeetingHref = (type: string, id: string) => `/meetings/new?subject=${type}&id=${id}`
