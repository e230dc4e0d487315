import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { departmentIdsOf } from '../organisation/index.ts'
import { needsAccess } from './access.table.ts'
import { needsApi } from './api.ts'
import { needsDemo } from './demo.ts'
import { needsHomeItems } from './home.ts'
import { rules } from './policy.ts'
import { needsRoutes } from './routes.tsx'
import * as tables from './schema.ts'

/** 協働ニーズ (needs of the departments), with the yearly hearing and the city plans; search and 関心があります. */
export const needsFeature: Feature = {
  name: 'needs',
  title: '協働ニーズ',
  routes: needsRoutes,
  api: needsApi,
  tables,
  policy: rules,
  demo: { order: 30, seed: needsDemo },
  access: needsAccess,
  nav: [
    {
      place: 'work',
      key: 'needs-mine',
      href: '/needs/mine',
      label: '所属課の協働ニーズ',
      order: 10,
      visible: (a) => !!a && departmentIdsOf(a).length > 0,
    },
    {
      place: 'work',
      key: 'hearings',
      href: '/coordination/hearings',
      label: 'ヒアリング',
      order: 30,
      visible: (a) => can(a, 'hearing.view'),
    },
    {
      place: 'work',
      key: 'plans',
      href: '/needs/plans',
      label: '計画',
      order: 60,
      visible: (a) => can(a, 'plans.manage'),
    },
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
    { order: 21, items: needsHomeItems },
  ],
}
