import type { Actor } from '../../core/actor.ts'
import type { Ctx } from '../../core/context.ts'
import type { Feature } from '../../core/feature.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { surveysAccess } from './access.table.ts'
import { surveysApi } from './api.ts'
import { surveysDemo } from './demo.ts'
import { rules } from './policy.ts'
import { surveysRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { countWaitingForSql, openFor, remindDue } from './service.ts'

const coord = (a: Actor | null) => !!a && (a.isCoordinator || a.isAdmin)
const staff = (a: Actor | null) => !!a && departmentIdsOf(a).length > 0

/** Open surveys the actor's departments have not submitted yet. */
async function waiting(ctx: Ctx) {
  const rows = await openFor(ctx, departmentIdsOf(ctx.actor))
  return rows.filter((x) => x.r.status !== 'submitted')
}

/**
 * 協働事業等に関する実態把握調査: the yearly survey of every department (Musashino's), prefilled from
 * the project records, answered by departments, and its report generated with numbered 図表.
 */
export const surveysFeature: Feature = {
  name: 'surveys',
  title: '実態把握調査',
  routes: surveysRoutes,
  api: surveysApi,
  tables,
  policy: rules,
  demo: { order: 65, seed: surveysDemo },
  jobs: [
    {
      /** A week before the due date and after it: remind departments that have not submitted, once a week. */
      name: 'surveys.due-reminders',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `survey reminders sent: ${await remindDue(ctx, ymdInTokyo(new Date()))}`
      },
    },
  ],
  access: surveysAccess,
  nav: [
    {
      place: 'work',
      key: 'surveys',
      href: '/coordination/surveys',
      label: '実態把握調査',
      order: 60,
      visible: coord,
    },
    {
      place: 'work',
      key: 'surveys-mine',
      href: '/my/surveys',
      label: '調査への回答',
      order: 61,
      visible: (a) => !coord(a) && staff(a),
      countSql: (ctx) => countWaitingForSql(ctx, departmentIdsOf(ctx.actor)),
    },
  ],
  home: [
    {
      order: 60,
      links: (a) =>
        coord(a)
          ? [{ href: '/coordination/surveys', label: '協働事業等に関する実態把握調査（回答状況・報告書）' }]
          : [],
    },
    {
      order: 61,
      async items(ctx) {
        const rows = await waiting(ctx)
        return rows.map(({ s, r }) => ({
          href: `/survey-responses/${r.id}`,
          label: `調査への回答：${s.title}（${r.departmentName}${s.dueOn ? `、期限 ${s.dueOn}` : ''}）`,
        }))
      },
    },
  ],
}
