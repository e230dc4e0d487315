import type { Actor } from '../../core/actor.ts'
import type { Feature } from '../../core/feature.ts'
import { statisticsAccess } from './access.table.ts'
import { statisticsApi } from './api.ts'
import { statisticsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { statisticsRoutes } from './routes.tsx'
import * as tables from './schema.ts'

const coord = (a: Actor | null) => !!a && (a.isCoordinator || a.isAdmin)

/**
 * 協働の統計: projects by form and fiscal year (with the years before the records), by department
 * and field, the matching funnel; for the coordinator also the proposal funnel, continuation and
 * consultations by department; the open-data list of yearly collaboration.
 */
export const statisticsFeature: Feature = {
  name: 'statistics',
  title: '協働の統計',
  routes: statisticsRoutes,
  api: statisticsApi,
  tables,
  policy: rules,
  demo: { order: 70, seed: statisticsDemo },
  access: statisticsAccess,
  nav: [
    {
      place: 'work',
      key: 'statistics',
      href: '/coordination/statistics',
      label: '協働の統計',
      order: 80,
      visible: coord,
    },
  ],
  home: [
    {
      order: 80,
      links: (a) =>
        coord(a)
          ? [{ href: '/coordination/statistics', label: '協働の統計（形態別・年度別の件数など）' }]
          : [],
    },
  ],
}
