/**
 * The group registry's public face for other rooms: who belongs to which group, and the read
 * functions other rooms may use. Its pages, API, tables and jobs are listed in feature.ts.
 */
export { groupContactEmailFor } from './contact.ts'
export { type GroupRole, groupRolesOf } from './membership.ts'
export {
  allPublishedGroups,
  type GroupRow,
  getGroup,
  getGroups,
  groupLegalForms,
  groupIdsOfUser,
  groupMemberIds,
  groupNames,
  publishedGroupIdsSharing,
  publishedGroups,
  publishedGroupsWithKana,
  publishedGroupsVersion,
  publishedGroupsWhereNot,
} from './queries.ts'
export { barChartSvg, type Series } from './stats.tsx'
