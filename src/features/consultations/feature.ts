import type { Feature } from '../../core/feature.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { consultationsAccess } from './access.table.ts'
import { consultationsApi } from './api.ts'
import { consultationsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { consultationsRoutes } from './routes.tsx'
import { consultationHoldings } from './holdings.ts'
import { consultationSubject } from './subjects.ts'
import * as tables from './schema.ts'
import {
  countNew,
  countNewSql,
  countOpenFor,
  countOpenForSql,
  purgeClosed,
  remindOverdue,
} from './service.ts'

const coord = (a: { isCoordinator: boolean; isAdmin: boolean } | null) =>
  !!a && (a.isCoordinator || a.isAdmin)

/** 相談: anyone asks in their own words; the coordinator triages; the departments answer. */
export const consultationsFeature: Feature = {
  name: 'consultations',
  title: '相談',
  routes: consultationsRoutes,
  api: consultationsApi,
  tables,
  policy: rules,
  holdings: [consultationHoldings],
  subjects: [consultationSubject],
  jobs: [
    {
      /** Consultations past their due date and still waiting: the coordinators and the departments are told. */
      name: 'consultations.overdue',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `overdue consultations reminded: ${await remindOverdue(ctx)}`
      },
    },
    {
      /** Name and contact of consultations closed CONSULTATION_RETENTION_DAYS ago are blanked. */
      name: 'consultations.purge',
      everyMinutes: 24 * 60,
      async run(ctx) {
        return `closed consultations anonymised: ${await purgeClosed(ctx)}`
      },
    },
  ],
  demo: { order: 55, seed: consultationsDemo },
  access: consultationsAccess,
  nav: [
    {
      place: 'main',
      key: 'consultations',
      href: '/consultations',
      label: '相談する',
      order: 40,
      description:
        '「どこの課に相談すればいいのか」わからなくても大丈夫です。やりたいことを書くと担当しそうな課をお示しし、協働の窓口がおつなぎします。',
    },
    {
      place: 'work',
      key: 'consultations-inbox',
      href: '/coordination/consultations',
      label: '相談の受付',
      order: 15,
      visible: coord,
      countSql: countNewSql,
    },
    {
      place: 'work',
      key: 'consultations-mine',
      href: '/my/consultations',
      label: '担当課への相談',
      order: 16,
      visible: (a) => !coord(a) && departmentIdsOf(a).length > 0,
      countSql: (ctx) => countOpenForSql(ctx, departmentIdsOf(ctx.actor)),
    },
  ],
  home: [
    {
      order: 25,
      async items(ctx) {
        const a = ctx.actor
        const out = []
        if (coord(a))
          out.push({
            href: '/coordination/consultations?status=received',
            label: '受け付けたばかりの相談',
            count: await countNew(ctx),
          })
        const deps = departmentIdsOf(a)
        if (deps.length)
          out.push({
            href: '/my/consultations',
            label: '担当課に割り当てられ、回答を待っている相談',
            count: await countOpenFor(ctx, deps),
          })
        return out
      },
    },
  ],
}
