import type { Feature } from '../../core/feature.ts'
import { offersAccess } from './access.table.ts'
import { offersApi } from './api.ts'
import { offersDemo } from './demo.ts'
import { rules } from './policy.ts'
import { offersRoutes } from './routes.tsx'
import * as tables from './schema.ts'

/** Groups' offers (できること) and the 協働メニュー (what the city provides). */
export const offersFeature: Feature = {
  name: 'offers',
  title: 'できること・協働メニュー',
  routes: offersRoutes,
  api: offersApi,
  tables,
  policy: rules,
  demo: { order: 31, seed: offersDemo },
  access: offersAccess,
}
