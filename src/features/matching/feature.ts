import type { Feature } from '../../core/feature.ts'
import { can } from '../../core/policy.ts'
import { matchingAccess } from './access.table.ts'
import { matchingApi } from './api.ts'
import { matchingDemo } from './demo.ts'
import { matchingHomeItems } from './home.ts'
import { pairingHoldings } from './holdings.ts'
import { rules } from './policy.ts'
import { matchingRoutes } from './routes.tsx'
import * as tables from './schema.ts'
import { warmMatchingIndexes } from './suggest.ts'

/** Ranking with reasons, the coordinator's board and pairings (紹介→協議→合意/見送り) with their meetings. */
export const matchingFeature: Feature = {
  name: 'matching',
  title: 'マッチングと調整ボード',
  routes: matchingRoutes,
  api: matchingApi,
  tables,
  policy: rules,
  demo: { order: 32, seed: matchingDemo },
  access: matchingAccess,
  holdings: [pairingHoldings],
  warm: warmMatchingIndexes,
  nav: [
    {
      place: 'work',
      key: 'board',
      href: '/coordination/board',
      label: '調整ボード',
      order: 20,
      visible: (a) => can(a, 'board.view'),
    },
  ],
  home: [
    { order: 31, items: matchingHomeItems },
    {
      order: 30,
      links: (a) => (can(a, 'board.view') ? [{ href: '/coordination/board', label: '調整ボード' }] : []),
    },
  ],
}
