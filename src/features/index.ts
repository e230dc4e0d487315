import type { Feature } from '../core/feature.ts'
import { accountFeature } from './account/feature.ts'
import { adminFeature } from './admin/feature.ts'
import { consultationsFeature } from './consultations/feature.ts'
import { eventsFeature } from './events/feature.ts'
import { groupsFeature } from './groups/feature.ts'
import { guideFeature } from './guide/feature.ts'
import { handoversFeature } from './handovers/feature.ts'
import { matchingFeature } from './matching/feature.ts'
import { meetingsFeature } from './meetings/feature.ts'
import { needsFeature } from './needs/feature.ts'
import { newsFeature } from './news/feature.ts'
import { notificationsFeature } from './notifications/feature.ts'
import { offersFeature } from './offers/feature.ts'
import { organisationFeature } from './organisation/feature.ts'
import { projectsFeature } from './projects/feature.ts'
import { proposalsFeature } from './proposals/feature.ts'
import { routingFeature } from './routing/feature.ts'
import { siteFeature } from './site/feature.ts'
import { surveysFeature } from './surveys/feature.ts'
import { statisticsFeature } from './statistics/feature.ts'

/**
 * Every capability of Kyodo, one line each. The app mounts their pages and API in this order;
 * the schema, the scheduler, the demo loader, the access matrix and the menus iterate this list.
 * See docs/architecture.md for how to add one.
 */
export const features: Feature[] = [
  siteFeature,
  accountFeature,
  organisationFeature,
  // before admin: GET /api/v1/departments/suggest must win over /departments/{id}
  routingFeature,
  adminFeature,
  groupsFeature,
  needsFeature,
  offersFeature,
  matchingFeature,
  projectsFeature,
  meetingsFeature,
  eventsFeature,
  newsFeature,
  consultationsFeature,
  proposalsFeature,
  surveysFeature,
  statisticsFeature,
  notificationsFeature,
  handoversFeature,
  guideFeature,
]
