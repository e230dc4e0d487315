import { getTableColumns } from 'drizzle-orm'
import { linkedIds, links } from '../../core/db/links.ts'
import {
  eventOrganiserDepartments,
  eventOrganiserGroups,
  eventSurveyAnswers,
  eventSurveyMetDepartments,
  eventSurveyMetGroups,
  events,
} from './schema.ts'

/** 主催・共催の課 of an event: event_organiser_departments. */
export const organiserDepartmentLinks = links(
  eventOrganiserDepartments,
  eventOrganiserDepartments.eventId,
  eventOrganiserDepartments.departmentId,
)

/** 主催・共催の団体 of an event: event_organiser_groups. */
export const organiserGroupLinks = links(
  eventOrganiserGroups,
  eventOrganiserGroups.eventId,
  eventOrganiserGroups.groupId,
)

/** The groups a questionnaire answer says the participant met: event_survey_met_groups. */
export const metGroupLinks = links(
  eventSurveyMetGroups,
  eventSurveyMetGroups.answerId,
  eventSurveyMetGroups.groupId,
)

/** The departments an answer says the participant met: event_survey_met_departments. */
export const metDepartmentLinks = links(
  eventSurveyMetDepartments,
  eventSurveyMetDepartments.answerId,
  eventSurveyMetDepartments.departmentId,
)

/** An event row with its organising departments and groups (sorted ids). */
export type EventRow = typeof events.$inferSelect & {
  organiserDepartmentIds: string[]
  organiserGroupIds: string[]
}

/** Every column of events with the organisers: what every read of a whole event selects. */
export const eventColumns = {
  ...getTableColumns(events),
  organiserDepartmentIds: linkedIds(organiserDepartmentLinks, events),
  organiserGroupIds: linkedIds(organiserGroupLinks, events),
}

/** A questionnaire answer with whom the participant met (sorted ids). */
export type SurveyAnswer = typeof eventSurveyAnswers.$inferSelect & {
  metGroupIds: string[]
  metDepartmentIds: string[]
}

/** Every column of event_survey_answers with the groups and departments met. */
export const surveyAnswerColumns = {
  ...getTableColumns(eventSurveyAnswers),
  metGroupIds: linkedIds(metGroupLinks, eventSurveyAnswers),
  metDepartmentIds: linkedIds(metDepartmentLinks, eventSurveyAnswers),
}
