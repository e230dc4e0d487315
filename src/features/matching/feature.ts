import { can } from '../../core/policy.ts'
import type { Feature } from '../../core/feature.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { matchingAccess } from './access.table.ts'
import { matchingApi } from './api.ts'
import { matchingDemo } from './demo.ts'
import { rules } from './policy.ts'
import { matchingRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { sendDigests } from './service.ts'

/** Needs, offers, the 協働メニュー, matching and the coordinator's board. */
export const matchingFeature: Feature = {
  name: 'matching',
  title: '協働ニーズとマッチング',
  routes: matchingRoutes,
  api: matchingApi,
  tables,
  policy: rules,
  jobs: [
    {
      /** Daily digests of new needs to groups that follow fields and areas (weekly ones every 7th day). */
      name: 'matching.digest',
      everyMinutes: 24 * 60,
      async run(ctx) {
        const r: unknown = await sendDigests(ctx)
        return typeof r === 'object' && r ? JSON.stringify(r) : String(r ?? '')
      },
    },
  ],
  demo: { order: 30, seed: matchingDemo },
  access: matchingAccess,
  nav: [
    {
      place: 'main',
      key: 'needs',
      href: '/needs',
      label: '協働ニーズ',
      order: 20,
      description:
        '市の各課が一緒に取り組むパートナーを探している課題と、団体ができること・協働したいことの一覧です。',
    },
  ],
  home: [
    {
      order: 20,
      links: (a) => (departmentIdsOf(a).length ? [{ href: '/needs/mine', label: '所属課の協働ニーズ' }] : []),
    },
    {
      order: 30,
      links: (a) => (can(a, 'board.view') ? [{ href: '/coordination/board', label: '調整ボード' }] : []),
    },
  ],
}
