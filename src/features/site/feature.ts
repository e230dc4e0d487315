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
      key: 'events',
      href: '/events',
      label: 'イベント',
      order: 30,
      description: '分野別の交流会、協働事業の説明会、意見交換会などの予定です。',
    },
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
