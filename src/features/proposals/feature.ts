import type { Actor } from '../../core/actor.ts'
import type { Feature } from '../../core/feature.ts'
import { groupRolesOf } from '../groups/index.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { proposalsAccess } from './access.table.ts'
import { proposalsApi } from './api.ts'
import { proposalsDemo } from './demo.ts'
import { rules } from './policy.ts'
import { proposalsRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { countToScore, declinedProposals } from './service.ts'

const coord = (a: Actor | null) => !!a && (a.isCoordinator || a.isAdmin)
const member = (a: Actor | null) => !!a && Object.keys(groupRolesOf(a)).length > 0

/** 協働事業提案制度: calls with courses and a frame, proposals, review scoring, presentation, decisions, the funnel. */
export const proposalsFeature: Feature = {
  name: 'proposals',
  title: '協働事業提案制度',
  routes: proposalsRoutes,
  api: proposalsApi,
  tables,
  policy: rules,
  demo: { order: 60, seed: proposalsDemo },
  access: proposalsAccess,
  declinedCases: declinedProposals,
  nav: [
    {
      place: 'main',
      key: 'proposals',
      href: '/proposals',
      label: '協働事業の提案',
      order: 45,
      description:
        '市の課と団体が一緒に取り組む協働事業の提案を募集しています。日程、コース、対象経費、審査の結果をご覧いただけます。',
    },
    {
      place: 'work',
      key: 'proposals-admin',
      href: '/coordination/proposals',
      label: '提案制度',
      order: 30,
      visible: coord,
    },
    {
      place: 'work',
      key: 'proposals-mine',
      href: '/my/proposals',
      label: '提案制度',
      order: 31,
      visible: (a) => !coord(a) && member(a),
    },
    {
      place: 'work',
      key: 'proposal-themes',
      href: '/my/proposal-themes',
      label: '提案テーマ（庁内募集）',
      order: 32,
      visible: (a) => !coord(a) && !!a && departmentIdsOf(a).length > 0,
    },
    {
      place: 'work',
      key: 'review',
      href: '/review',
      label: '審査',
      order: 33,
      visible: (a) => !!a?.isReviewer,
      count: (ctx) => countToScore(ctx),
    },
  ],
  home: [
    {
      order: 40,
      links: (a) => [
        ...(coord(a)
          ? [
              { href: '/coordination/proposals', label: '提案制度（募集・審査会）' },
              { href: '/coordination/proposal-funnel', label: '提案制度の件数の推移' },
            ]
          : []),
        ...(member(a) ? [{ href: '/my/proposals', label: '提案制度（募集中の提案・団体の提案）' }] : []),
      ],
    },
    {
      order: 41,
      async items(ctx) {
        if (!ctx.actor.isReviewer) return []
        return [{ href: '/review', label: '審査：採点を待っている提案', count: await countToScore(ctx) }]
      },
    },
  ],
}
