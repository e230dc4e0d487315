import type { Feature } from '../../core/feature.ts'
import { guideAccess } from './access.table.ts'
import { guideRoutes } from './routes.tsx'

/** 協働のてびき: principles, forms of collaboration, process and self-checks (public pages). */
export const guideFeature: Feature = {
  name: 'guide',
  title: '協働のてびき',
  routes: guideRoutes,
  access: guideAccess,
  nav: [
    {
      place: 'main',
      key: 'guide',
      href: '/guide',
      label: '協働のてびき',
      order: 50,
      description: '協働の基本原則、協働の形態ごとの留意点、進め方のチェックリストです。',
    },
  ],
}
