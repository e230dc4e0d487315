import type { Feature } from '../../core/feature.ts'
import { siteAccess } from './access.table.ts'
import { rules } from './policy.ts'
import { siteRoutes } from './routes.tsx'

/** Home, the site's fixed pages (accessibility, privacy, about) and the pages still to come. */
export const siteFeature: Feature = {
  name: 'site',
  title: 'ポータルの共通ページ',
  routes: siteRoutes,
  policy: rules,
  access: siteAccess,
  nav: [
    {
      place: 'main',
      key: 'consultations',
      href: '/consultations',
      label: '相談する',
      order: 40,
      description: '「どこの課に相談すればいいのか」わからないときは、協働の窓口にご相談ください。',
    },
  ],
}
