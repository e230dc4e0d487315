import type { Feature } from '../../core/feature.ts'
import { siteAccess } from './access.table.ts'
import { rules } from './policy.ts'
import { siteRoutes } from './routes.tsx'

/** Home and the site's fixed pages (accessibility, privacy, about). */
export const siteFeature: Feature = {
  name: 'site',
  title: 'ポータルの共通ページ',
  routes: siteRoutes,
  policy: rules,
  access: siteAccess,
}
