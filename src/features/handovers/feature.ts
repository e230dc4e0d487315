import type { Feature } from '../../core/feature.ts'
import { isCityStaff } from '../../core/roles.ts'
import { handoversAccess } from './access.table.ts'
import { handoversApi } from './api.ts'
import { rules } from './policy.ts'
import { handoversRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { pendingCount, pendingCountSql, remindPending } from './service.ts'

/**
 * 引継ぎ: when staff rotate (every April), each open pairing, project, consultation and action item
 * goes to a successor with a note (経緯・約束したこと・温度感); the successor acknowledges; the groups
 * learn who their new contact is. What can be held is each room's `holdings` (core/feature.ts).
 */
export const handoversFeature: Feature = {
  name: 'handovers',
  title: '引継ぎ',
  routes: handoversRoutes,
  api: handoversApi,
  tables,
  policy: rules,
  access: handoversAccess,
  jobs: [
    {
      /** A successor who has not acknowledged after 3 days is reminded once. */
      name: 'handovers.remind',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `reminded: ${await remindPending(ctx)}`
      },
    },
  ],
  nav: [
    {
      place: 'work',
      key: 'handovers',
      href: '/handovers',
      label: '引継ぎ',
      order: 70,
      visible: isCityStaff,
      countSql: pendingCountSql,
    },
  ],
  home: [
    {
      order: 40,
      items: async (ctx) =>
        isCityStaff(ctx.actor)
          ? [{ href: '/handovers', label: '確認していない引継ぎ', count: await pendingCount(ctx) }]
          : [],
    },
  ],
}
