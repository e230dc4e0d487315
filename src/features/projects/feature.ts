import type { Feature } from '../../core/feature.ts'
import { isCityStaff } from '../../core/roles.ts'
import { projectsAccess } from './access.table.ts'
import { projectsApi } from './api.ts'
import { projectsDemo } from './demo.ts'
import { projectHoldings } from './holdings.ts'
import { rules } from './policy.ts'
import { projectsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { remindDueFollowups } from './service.ts'

/** 協働事業: a collaboration from agreement to three years after its end. */
export const projectsFeature: Feature = {
  name: 'projects',
  title: '協働事業',
  routes: projectsRoutes,
  api: projectsApi,
  tables,
  policy: rules,
  holdings: [projectHoldings],
  jobs: [
    {
      /** Follow-ups 6/12/24/36 months after the end: remind the coordinator and both sides once when due. */
      name: 'projects.followup-reminders',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `follow-up reminders sent: ${await remindDueFollowups(ctx)}`
      },
    },
  ],
  demo: { order: 34, seed: projectsDemo },
  access: projectsAccess,
  nav: [
    {
      place: 'main',
      key: 'projects',
      href: '/projects',
      label: '協働事業',
      order: 40,
      description: '市と団体が一緒に取り組んでいる事業の目的・役割分担・進み具合・評価です。',
      // city staff reach the same list from the work menu
      visible: (a) => !isCityStaff(a),
    },
    {
      place: 'work',
      key: 'projects',
      href: '/projects',
      label: '協働事業',
      order: 50,
      visible: (a) => isCityStaff(a),
    },
  ],
  home: [
    {
      order: 55,
      links: (a) =>
        isCityStaff(a)
          ? [
              { href: '/projects/new', label: '協働事業を登録する' },
              { href: '/projects/continuation', label: '協働事業の終了後の継続状況' },
            ]
          : [],
    },
  ],
}
